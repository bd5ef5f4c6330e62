// Key names become keychain accounts and JSON keys: keep them printable and unambiguous.

import { KeyStoreError } from './key-store-error';

const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

/** The rule in words, for every message that refuses a name. */
export const KEY_NAME_RULE = 'use 1-128 characters from A-Z a-z 0-9 . _ @ - starting with a letter or digit';

export function isValidKeyName(name: string): boolean {
  return KEY_NAME.test(name);
}

export function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new KeyStoreError(`invalid key name ${JSON.stringify(name)}: ${KEY_NAME_RULE}`);
  }
}
