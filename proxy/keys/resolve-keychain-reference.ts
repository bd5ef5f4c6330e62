// `apiKey: "keychain:NAME"` in a config: the secret is looked up in the key store at load time.

import type { KeyStore } from './key-store';
import { isValidKeyName } from './key-name';
import { KeyStoreError } from './key-store-error';

export const KEYCHAIN_PREFIX = 'keychain:';

/** The NAME of a `keychain:NAME` reference, or undefined when the value is not one. */
export function parseKeychainReference(value: string): string | undefined {
  return value.startsWith(KEYCHAIN_PREFIX) ? value.slice(KEYCHAIN_PREFIX.length) : undefined;
}

/** Resolves a `keychain:NAME` reference; errors name the key and say how to store it. */
export async function resolveKeychainReference(value: string, store: KeyStore | undefined): Promise<string> {
  const name = parseKeychainReference(value);
  if (name === undefined) return value;
  if (!isValidKeyName(name)) throw new KeyStoreError(`${JSON.stringify(value)} does not name a valid key`);
  if (!store) throw new KeyStoreError(`${value} needs a key store, but none is configured`);
  const secret = await store.get(name);
  if (secret === undefined) {
    throw new KeyStoreError(`key ${name} is not in the key store; add it with: switchyard keys set ${name}`);
  }
  return secret;
}
