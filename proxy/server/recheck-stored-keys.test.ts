import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyStoreRead } from '../config/load-config';
import { storedKeyChanged } from './recheck-stored-keys';

const named = (value: string | undefined): KeyStoreRead => ({ name: 'openai', value, implicit: false });
const implicit = (value: string | undefined): KeyStoreRead => ({ name: 'alpha', value, implicit: true });

const rows: Array<{ name: string; input: { read: KeyStoreRead; found: string | undefined }; expected: boolean }> = [
  { name: 'keychain:NAME holds the same key', input: { read: named('sk-a'), found: 'sk-a' }, expected: false },
  { name: 'keychain:NAME rotated', input: { read: named('sk-a'), found: 'sk-b' }, expected: true },
  { name: 'keychain:NAME deleted: a reload would fail on it, so the running key stays', input: { read: named('sk-a'), found: undefined }, expected: false },
  { name: 'keychain:NAME emptied counts as deleted', input: { read: named('sk-a'), found: '' }, expected: false },
  { name: 'key under the provider id still absent', input: { read: implicit(undefined), found: undefined }, expected: false },
  { name: 'key under the provider id added since the load', input: { read: implicit(undefined), found: 'sk-a' }, expected: true },
  { name: 'key under the provider id rotated', input: { read: implicit('sk-a'), found: 'sk-b' }, expected: true },
  { name: 'key under the provider id deleted: the provider goes without, as after a dashboard delete', input: { read: implicit('sk-a'), found: undefined }, expected: true },
  { name: 'key under the provider id emptied counts as absent', input: { read: implicit(undefined), found: '' }, expected: false },
];

for (const row of rows) {
  test(`storedKeyChanged: ${row.name}`, () => {
    assert.equal(storedKeyChanged(row.input.read, row.input.found), row.expected);
  });
}
