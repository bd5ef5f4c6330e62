// keytar's own behaviour is tested against the real Secret Service in test/keychain-real.test.ts;
// this covers what the wrapper adds: the service name, name checks, names-only listing, clear errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKeychainStore, type KeytarApi } from './keychain-store';

function memoryKeytar(): KeytarApi & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    async getPassword(service, account) { return entries.get(`${service}/${account}`) ?? null; },
    async setPassword(service, account, password) { entries.set(`${service}/${account}`, password); },
    async deletePassword(service, account) { return entries.delete(`${service}/${account}`); },
    async findCredentials(service) {
      return [...entries].filter(([k]) => k.startsWith(`${service}/`)).map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
    },
  };
}

test('keychain store files entries under service Switchyard, account NAME', async () => {
  const keytar = memoryKeytar();
  const store = createKeychainStore({ keytar });
  await store.set('openai', 'sk-1');
  await store.set('anthropic', 'sk-2');
  keytar.entries.set('Other/x', 'not ours');
  assert.deepEqual([...keytar.entries.keys()].sort(), ['Other/x', 'Switchyard/anthropic', 'Switchyard/openai']);
  assert.deepEqual(await store.list(), ['anthropic', 'openai']);
  assert.equal(await store.get('openai'), 'sk-1');
  assert.equal(await store.get('missing'), undefined);
  assert.equal(await store.delete('openai'), true);
  assert.equal(await store.delete('openai'), false);
});

test('keychain failures say what to do instead', async () => {
  const broken: KeytarApi = {
    getPassword: async () => { throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'); },
    setPassword: async () => { throw new Error('boom'); },
    deletePassword: async () => false,
    findCredentials: async () => [],
  };
  const store = createKeychainStore({ keytar: broken });
  await assert.rejects(store.get('a'), /keychain read failed: Cannot autolaunch D-Bus.*--store file/);
  await assert.rejects(store.set('bad name', 'x'), /invalid key name/);
});
