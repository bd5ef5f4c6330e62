import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeIpcMain } from '../../test/desktop-fake-electron';
import type { KeyStore } from '../../proxy/keys/key-store';
import type { AdminClient } from '../admin-client';
import type { ProfileState } from '../admin-types';
import { IPC_CHANNELS } from './contract';
import type { IpcDeps } from './ipc-handlers';
import { createSenderCheck, registerIpcHandlers } from './register-ipc';

const ORIGIN = 'http://127.0.0.1:7420';
const WINDOW_ID = 7;
const ours = { id: WINDOW_ID, url: `${ORIGIN}/#/keys` };

function setup() {
  const secrets = new Map<string, string>([['switchyard-admin-token', 'sy-admin-x'], ['switchyard-client-key', 'sy-local-x'], ['openai', 'sk-openai']]);
  const keyStore: KeyStore = {
    get: async (name) => secrets.get(name),
    set: async (name, secret) => void secrets.set(name, secret),
    delete: async (name) => secrets.delete(name),
    list: async () => [...secrets.keys()].sort(),
  };
  let profile: ProfileState = { active: null, profiles: ['cheap'] };
  const admin = {
    getProfile: async () => profile,
    setProfile: async (name: string | null) => (profile = { ...profile, active: name }),
  } as unknown as AdminClient;
  const opened: string[] = [];
  const profileEvents: ProfileState[] = [];
  const keyChanges: string[] = [];
  const deps: IpcDeps = {
    gatewayInfo: () => ({ url: ORIGIN, endpoint: `${ORIGIN}/v1`, adminToken: 'sy-admin-x' }),
    adminClient: () => admin,
    keyStore,
    openExternal: async (url) => void opened.push(url),
    onProfileChanged: (p) => profileEvents.push(p),
    onKeysChanged: async () => void keyChanges.push('reload'),
  };
  const ipcMain = new FakeIpcMain();
  const unregister = registerIpcHandlers(ipcMain, deps, createSenderCheck(() => WINDOW_ID, ORIGIN));
  return { ipcMain, secrets, opened, profileEvents, keyChanges, unregister };
}

test('every contract channel is registered, and unregistering removes them', () => {
  const { ipcMain, unregister } = setup();
  assert.deepEqual([...ipcMain.handlers.keys()].sort(), [...IPC_CHANNELS].sort());
  unregister();
  assert.equal(ipcMain.handlers.size, 0);
});

test('calls from anything but the dashboard window on the gateway origin are refused', async () => {
  const { ipcMain } = setup();
  const rows = [
    { name: 'other web contents', sender: { id: 99, url: `${ORIGIN}/` } },
    { name: 'other origin in our window', sender: { id: WINDOW_ID, url: 'https://evil.example/' } },
    { name: 'file page', sender: { id: WINDOW_ID, url: 'file:///tmp/x.html' } },
    { name: 'no frame', sender: { id: WINDOW_ID, url: null } },
  ];
  for (const row of rows) {
    await assert.rejects(ipcMain.invoke('gateway:info', row.sender), /not the Switchyard dashboard/, row.name);
  }
  assert.deepEqual(await ipcMain.invoke('gateway:info', ours), { url: ORIGIN, endpoint: `${ORIGIN}/v1`, adminToken: 'sy-admin-x' });
});

test('arguments are validated per channel', async () => {
  const { ipcMain, secrets } = setup();
  const rows: Array<{ channel: string; args: unknown[] }> = [
    { channel: 'keys:set', args: ['openai'] },
    { channel: 'keys:set', args: ['bad/name', 'x'] },
    { channel: 'keys:set', args: ['ok', ''] },
    { channel: 'keys:set', args: ['ok', 42] },
    { channel: 'keys:set', args: ['ok', 'x', 'extra'] },
    { channel: 'keys:delete', args: [{ toString: () => 'openai' }] },
    { channel: 'profile:set', args: [undefined] },
    { channel: 'shell:open-external', args: [['https://a']] },
    { channel: 'keys:list', args: ['unexpected'] },
  ];
  for (const row of rows) {
    await assert.rejects(ipcMain.invoke(row.channel, ours, ...row.args), /invalid arguments for/, `${row.channel} ${JSON.stringify(row.args)}`);
  }
  assert.equal(secrets.get('openai'), 'sk-openai', 'nothing changed');
});

test('keys cross by name only; the desktop credentials are out of reach', async () => {
  const { ipcMain, secrets, keyChanges } = setup();
  assert.deepEqual(await ipcMain.invoke('keys:list', ours), ['openai']);
  assert.equal(await ipcMain.invoke('keys:set', ours, 'anthropic', 'sk-ant'), undefined, 'set returns nothing');
  assert.equal(secrets.get('anthropic'), 'sk-ant');
  assert.deepEqual(await ipcMain.invoke('keys:list', ours), ['anthropic', 'openai']);
  assert.equal(await ipcMain.invoke('keys:delete', ours, 'openai'), true);
  assert.equal(await ipcMain.invoke('keys:delete', ours, 'openai'), false);
  await assert.rejects(ipcMain.invoke('keys:set', ours, 'switchyard-admin-token', 'mine'), /managed by Switchyard/);
  await assert.rejects(ipcMain.invoke('keys:delete', ours, 'switchyard-client-key'), /managed by Switchyard/);
  assert.equal(secrets.get('switchyard-admin-token'), 'sy-admin-x');
  assert.deepEqual(keyChanges, ['reload', 'reload'], 'one set and one real delete make the gateway re-read its config');
  assert.ok(!('keys:get' in Object.fromEntries(ipcMain.handlers)), 'there is no channel that reads a value');
});

test('profile switches reach the tray; external links only for http(s)', async () => {
  const { ipcMain, opened, profileEvents } = setup();
  assert.deepEqual(await ipcMain.invoke('profile:get', ours), { active: null, profiles: ['cheap'] });
  assert.deepEqual(await ipcMain.invoke('profile:set', ours, 'cheap'), { active: 'cheap', profiles: ['cheap'] });
  assert.deepEqual(profileEvents, [{ active: 'cheap', profiles: ['cheap'] }]);
  assert.equal(await ipcMain.invoke('shell:open-external', ours, 'https://platform.openai.com/usage'), true);
  assert.equal(await ipcMain.invoke('shell:open-external', ours, 'file:///etc/passwd'), false);
  assert.equal(await ipcMain.invoke('shell:open-external', ours, 'javascript:alert(1)'), false);
  assert.deepEqual(opened, ['https://platform.openai.com/usage']);
});
