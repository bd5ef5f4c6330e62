// OS keychain key store through keytar: macOS Keychain, Windows Credential Manager, or the
// freedesktop Secret Service (GNOME Keyring, KWallet) on Linux. Service `Switchyard`, account = name.

import type { KeyStore } from './key-store';
import { assertKeyName } from './key-name';
import { KeyStoreError } from './key-store-error';

export const KEYCHAIN_SERVICE = 'Switchyard';

/** The part of keytar we use; tests and callers may pass their own. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface KeychainStoreOptions {
  keytar?: KeytarApi;
  service?: string;
}

const UNAVAILABLE_HINT =
  'the OS keychain is unavailable here; on a headless server use the encrypted file store (--store file with SWITCHYARD_MASTER_KEY)';

export function createKeychainStore(options: KeychainStoreOptions = {}): KeyStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  let keytar = options.keytar;

  // keytar is a native module: load it on first use so the file store works where it was never built.
  function api(): KeytarApi {
    if (keytar) return keytar;
    try {
      keytar = require('keytar') as KeytarApi;
    } catch (err) {
      throw new KeyStoreError(`cannot load keytar (${(err as Error).message}): ${UNAVAILABLE_HINT}`, { cause: err });
    }
    return keytar;
  }

  async function call<T>(what: string, operation: (k: KeytarApi) => Promise<T>): Promise<T> {
    const k = api();
    try {
      return await operation(k);
    } catch (err) {
      throw new KeyStoreError(`keychain ${what} failed: ${(err as Error).message}; ${UNAVAILABLE_HINT}`, { cause: err });
    }
  }

  return {
    async get(name) {
      assertKeyName(name);
      const value = await call('read', (k) => k.getPassword(service, name));
      return value ?? undefined;
    },
    async set(name, secret) {
      assertKeyName(name);
      await call('write', (k) => k.setPassword(service, name, secret));
    },
    async delete(name) {
      assertKeyName(name);
      return call('delete', (k) => k.deletePassword(service, name));
    },
    async list() {
      // keytar only offers findCredentials, which returns values too: keep the names, drop the rest here.
      const credentials = await call('list', (k) => k.findCredentials(service));
      return [...new Set(credentials.map((c) => c.account))].sort();
    },
  };
}
