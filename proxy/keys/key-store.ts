// Where provider keys and the desktop's own credentials live: the OS keychain or an encrypted file.
// A store hands values to the gateway only; nothing ever lists or prints them.

import * as path from 'node:path';
import { createFileKeyStore } from './file-key-store';
import { createKeychainStore } from './keychain-store';
import { resolveMasterKeySource } from './master-key';

export { KeyStoreError } from './key-store-error';
export { assertKeyName, isValidKeyName } from './key-name';
export { KEYCHAIN_SERVICE } from './keychain-store';

export interface KeyStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, secret: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(name: string): Promise<boolean>;
  /** Names only, sorted. */
  list(): Promise<string[]>;
}

export type KeyStoreKind = 'keychain' | 'file';

export const KEY_STORE_KINDS: readonly KeyStoreKind[] = ['keychain', 'file'];

/** File name of the encrypted store inside a data directory. */
export const FILE_KEY_STORE_NAME = 'keys.enc.json';

export function isKeyStoreKind(value: string): value is KeyStoreKind {
  return (KEY_STORE_KINDS as readonly string[]).includes(value);
}

export interface OpenKeyStoreOptions {
  /** Environment for SWITCHYARD_MASTER_KEY / SWITCHYARD_MASTER_KEY_FILE; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens the store of the given kind. The file store lives at `<dataDir>/keys.enc.json`; its master key
 * comes from SWITCHYARD_MASTER_KEY, else the file named by SWITCHYARD_MASTER_KEY_FILE, else
 * `<dataDir>/master.key` (created, mode 0600, on the first write).
 */
export function openKeyStore(kind: KeyStoreKind, dataDir: string, options: OpenKeyStoreOptions = {}): KeyStore {
  if (kind === 'keychain') return createKeychainStore();
  const env = options.env ?? process.env;
  return createFileKeyStore({
    path: path.join(dataDir, FILE_KEY_STORE_NAME),
    masterKey: resolveMasterKeySource(env, dataDir),
  });
}
