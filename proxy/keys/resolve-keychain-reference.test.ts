import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyStore } from './key-store';
import { parseKeychainReference, resolveKeychainReference } from './resolve-keychain-reference';

const store: KeyStore = {
  get: async (name) => (name === 'alpha' ? 'sk-alpha' : undefined),
  set: async () => undefined,
  delete: async () => false,
  list: async () => ['alpha'],
};

test('parseKeychainReference', () => {
  const rows = [
    { input: 'keychain:alpha', expected: 'alpha' },
    { input: 'env:ALPHA', expected: undefined },
    { input: 'sk-plain', expected: undefined },
  ];
  for (const row of rows) assert.equal(parseKeychainReference(row.input), row.expected, row.input);
});

test('resolveKeychainReference', async () => {
  assert.equal(await resolveKeychainReference('keychain:alpha', store), 'sk-alpha');
  assert.equal(await resolveKeychainReference('sk-plain', undefined), 'sk-plain');
  await assert.rejects(resolveKeychainReference('keychain:beta', store), /key beta is not in the key store; add it with: switchyard keys set beta/);
  await assert.rejects(resolveKeychainReference('keychain:a b', store), /does not name a valid key/);
  await assert.rejects(resolveKeychainReference('keychain:alpha', undefined), /needs a key store/);
});
