// Encrypted-file key store for headless servers: AES-256-GCM, a fresh IV per entry, the entry's
// name bound in as associated data, atomic 0600 writes.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDir } from '../store/ensure-dir';
import type { KeyStore } from './key-store';
import { assertKeyName } from './key-name';
import { KeyStoreError } from './key-store-error';
import { deriveEncryptionKey, loadMasterKey, type MasterKeySource } from './master-key';

interface SealedValue {
  iv: string;
  tag: string;
  data: string;
}

interface StoreFile {
  version: 1;
  /** scrypt salt, used when the master key is a passphrase. */
  salt: string;
  /** A known plaintext sealed with the key, so a wrong master key fails before anything is written. */
  verifier: SealedValue;
  entries: Record<string, SealedValue>;
}

export interface FileKeyStoreOptions {
  path: string;
  masterKey: MasterKeySource;
}

const VERIFIER_TEXT = 'switchyard-key-store-v1';
const VERIFIER_AAD = 'verifier';

export function createFileKeyStore(options: FileKeyStoreOptions): KeyStore {
  const file = options.path;
  const keys = new Map<string, Buffer>(); // salt → derived key; scrypt is slow on purpose
  let queue: Promise<unknown> = Promise.resolve();

  // One operation at a time so a read-modify-write never interleaves with another in this process.
  function serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  }

  async function unlock(store: StoreFile, create: boolean): Promise<Buffer> {
    const cached = keys.get(store.salt);
    if (cached) return cached;
    const material = loadMasterKey(options.masterKey, create);
    if (!material) throw new KeyStoreError(`no master key for ${file}`);
    const key = await deriveEncryptionKey(material, Buffer.from(store.salt, 'base64'));
    if (store.verifier.data !== '') {
      try {
        open(key, store.verifier, VERIFIER_AAD);
      } catch (err) {
        throw new KeyStoreError(`the master key does not open ${file} (wrong SWITCHYARD_MASTER_KEY or key file?)`, { cause: err });
      }
    }
    keys.set(store.salt, key);
    return key;
  }

  return {
    get: (name) =>
      serialize(async () => {
        assertKeyName(name);
        const store = readStoreFile(file);
        const sealed = store?.entries[name];
        if (!store || !sealed) return undefined;
        const key = await unlock(store, false);
        try {
          return open(key, sealed, entryAad(name));
        } catch (err) {
          throw new KeyStoreError(`entry ${name} in ${file} failed authentication (file tampered with or corrupted)`, { cause: err });
        }
      }),
    set: (name, secret) =>
      serialize(async () => {
        assertKeyName(name);
        let store = readStoreFile(file);
        if (!store) {
          store = { version: 1, salt: randomBytes(16).toString('base64'), verifier: { iv: '', tag: '', data: '' }, entries: {} };
          const key = await unlock(store, true);
          store.verifier = seal(key, VERIFIER_TEXT, VERIFIER_AAD);
        }
        const key = await unlock(store, true);
        store.entries[name] = seal(key, secret, entryAad(name));
        writeStoreFile(file, store);
      }),
    delete: (name) =>
      serialize(async () => {
        assertKeyName(name);
        const store = readStoreFile(file);
        if (!store || !(name in store.entries)) return false;
        delete store.entries[name];
        writeStoreFile(file, store);
        return true;
      }),
    list: () =>
      serialize(async () => {
        const store = readStoreFile(file);
        return store ? Object.keys(store.entries).sort() : [];
      }),
  };
}

function entryAad(name: string): string {
  return `entry:${name}`;
}

function seal(key: Buffer, plaintext: string, aad: string): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(key: Buffer, sealed: SealedValue, aad: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}

function readStoreFile(file: string): StoreFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KeyStoreError(`cannot read key store ${file}: ${(err as Error).message}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new KeyStoreError(`key store ${file} is not valid JSON`, { cause: err });
  }
  if (!isStoreFile(parsed)) throw new KeyStoreError(`key store ${file} has an unknown layout (expected version 1)`);
  return parsed;
}

function isSealed(value: unknown): value is SealedValue {
  const v = value as SealedValue;
  return typeof v === 'object' && v !== null && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.data === 'string';
}

function isStoreFile(value: unknown): value is StoreFile {
  const v = value as StoreFile;
  return (
    typeof v === 'object' && v !== null && v.version === 1 && typeof v.salt === 'string' && isSealed(v.verifier) &&
    typeof v.entries === 'object' && v.entries !== null && Object.values(v.entries).every(isSealed)
  );
}

/** Write beside the target, flush, then rename: readers see the old file or the new one, never half. */
function writeStoreFile(file: string, store: StoreFile): void {
  const dir = path.dirname(file);
  ensureDir(dir, 0o700);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // the umask can only narrow the mode, but be explicit
    fs.writeFileSync(fd, `${JSON.stringify(store, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new KeyStoreError(`cannot write key store ${file}: ${(err as Error).message}`, { cause: err });
  }
}
