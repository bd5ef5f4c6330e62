// The file key store's master key: 32 raw bytes (hex or base64) or a passphrase stretched with scrypt,
// taken from SWITCHYARD_MASTER_KEY or from a key file.

import { randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDir } from '../store/ensure-dir';
import { KeyStoreError } from './key-store-error';

export const MASTER_KEY_ENV = 'SWITCHYARD_MASTER_KEY';
export const MASTER_KEY_FILE_ENV = 'SWITCHYARD_MASTER_KEY_FILE';
export const DEFAULT_MASTER_KEY_FILE = 'master.key';

export type MasterKeyMaterial = { kind: 'raw'; key: Buffer } | { kind: 'passphrase'; passphrase: string };

/**
 * Where the master key comes from. A string is read like the environment variable; a key file may be
 * created with fresh random bytes the first time something is stored.
 */
export type MasterKeySource = string | Buffer | { file: string; createIfMissing?: boolean; origin?: string };

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}$/;
const MIN_PASSPHRASE = 12;

// OWASP-level scrypt cost; maxmem raised because N*r*128 sits exactly at Node's 32 MiB default.
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Reads a master key written as 64 hex digits, 32 bytes of base64, or else a passphrase. */
export function parseMasterKey(value: string, origin: string): MasterKeyMaterial {
  const text = value.trim();
  if (HEX_KEY.test(text)) return { kind: 'raw', key: Buffer.from(text, 'hex') };
  if (BASE64_KEY.test(text)) {
    const key = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
    if (key.length === 32) return { kind: 'raw', key };
  }
  if (text.length < MIN_PASSPHRASE) {
    throw new KeyStoreError(
      `${origin} is too short: give 32 bytes as 64 hex digits or base64, or a passphrase of at least ${MIN_PASSPHRASE} characters`,
    );
  }
  return { kind: 'passphrase', passphrase: text };
}

/** Picks the master key source from the environment, falling back to `<dataDir>/master.key`. */
export function resolveMasterKeySource(env: NodeJS.ProcessEnv, dataDir: string): MasterKeySource {
  const inline = env[MASTER_KEY_ENV];
  if (inline !== undefined && inline !== '') return inline;
  const file = env[MASTER_KEY_FILE_ENV];
  if (file !== undefined && file !== '') return { file: path.resolve(file), createIfMissing: false, origin: MASTER_KEY_FILE_ENV };
  return { file: path.join(dataDir, DEFAULT_MASTER_KEY_FILE), createIfMissing: true };
}

/** Loads the key material; returns undefined when a creatable key file does not exist yet and `create` is false. */
export function loadMasterKey(source: MasterKeySource, create: boolean): MasterKeyMaterial | undefined {
  if (Buffer.isBuffer(source)) {
    if (source.length !== 32) throw new KeyStoreError('the master key must be exactly 32 bytes');
    return { kind: 'raw', key: source };
  }
  if (typeof source === 'string') return parseMasterKey(source, MASTER_KEY_ENV);
  let text: string;
  try {
    text = fs.readFileSync(source.file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new KeyStoreError(`cannot read master key file ${source.file}: ${(err as Error).message}`, { cause: err });
    }
    if (!source.createIfMissing) {
      throw new KeyStoreError(
        `master key file ${source.file}${source.origin ? ` (from ${source.origin})` : ''} does not exist`,
      );
    }
    if (!create) return undefined;
    text = writeNewKeyFile(source.file);
  }
  return parseMasterKey(text, `master key file ${source.file}`);
}

function writeNewKeyFile(file: string): string {
  const text = `${randomBytes(32).toString('base64')}\n`;
  ensureDir(path.dirname(file), 0o700);
  try {
    // 'wx' so two processes racing to create it never overwrite each other's key.
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8');
    throw new KeyStoreError(`cannot create master key file ${file}: ${(err as Error).message}`, { cause: err });
  }
  return text;
}

/** The 32-byte AES key: raw keys as they are, passphrases through scrypt with the store's salt. */
export async function deriveEncryptionKey(material: MasterKeyMaterial, salt: Buffer): Promise<Buffer> {
  if (material.kind === 'raw') return material.key;
  return new Promise((resolve, reject) => {
    scryptCallback(material.passphrase, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
