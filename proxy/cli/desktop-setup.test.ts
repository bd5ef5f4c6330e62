import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { openKeyStore, type KeyStore } from '../keys/key-store';
import { KeyStoreError } from '../keys/key-store-error';
import type { RunningServer, startServer } from '../server/start-server';
import { desktopDataDir } from './desktop-data-dir';
import { prepareDesktop, startDesktopGateway, starterConfig } from './desktop-setup';

const ENV = { SWITCHYARD_MASTER_KEY: 'desktop setup test passphrase' };
const unavailable: KeyStore = {
  get: async () => { throw new KeyStoreError('keychain read failed: Cannot autolaunch D-Bus without X11 $DISPLAY; the OS keychain is unavailable here'); },
  set: async () => { throw new KeyStoreError('unavailable'); },
  delete: async () => false,
  list: async () => [],
};

test('prepareDesktop: keychain unavailable → encrypted file, credentials stable across runs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-setup-'));
  const open = (kind: 'keychain' | 'file') => (kind === 'keychain' ? unavailable : openKeyStore('file', dir, { env: ENV }));
  const first = await prepareDesktop({ dataDir: dir, env: ENV, openStore: open });
  assert.equal(first.keyStoreKind, 'file');
  assert.equal(first.credentials.created, true);
  assert.match(first.credentials.clientKey, /^sy-local-[A-Za-z0-9_-]{32}$/);
  assert.match(first.credentials.adminToken, /^sy-admin-[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(first.notes, [
    `OS keychain unavailable (keychain read failed: Cannot autolaunch D-Bus without X11 $DISPLAY); keys are kept in the encrypted file in ${dir}`,
    `created ${path.join(dir, 'config.json')}`,
  ]);
  assert.deepEqual(JSON.parse(fs.readFileSync(first.configPath, 'utf8')), starterConfig());
  fs.writeFileSync(first.configPath, '{"clients":[]}');
  const second = await prepareDesktop({ dataDir: dir, env: ENV, openStore: open });
  assert.equal(second.credentials.created, false);
  assert.equal(second.credentials.clientKey, first.credentials.clientKey);
  assert.equal(second.credentials.adminToken, first.credentials.adminToken);
  assert.equal(fs.readFileSync(first.configPath, 'utf8'), '{"clients":[]}', "a user's config is never overwritten");
  fs.rmSync(dir, { recursive: true, force: true });
});

test('prepareDesktop prefers a working keychain', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-setup-'));
  const memory = new Map<string, string>();
  const keychain: KeyStore = {
    get: async (n) => memory.get(n),
    set: async (n, v) => void memory.set(n, v),
    delete: async (n) => memory.delete(n),
    list: async () => [...memory.keys()],
  };
  const setup = await prepareDesktop({ dataDir: dir, env: ENV, openStore: (kind) => (kind === 'keychain' ? keychain : unavailable) });
  assert.equal(setup.keyStoreKind, 'keychain');
  assert.deepEqual([...memory.keys()].sort(), ['switchyard-admin-token', 'switchyard-client-key']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('startDesktopGateway moves up from a taken default port, but not from a chosen one', async () => {
  const setup = { keyStore: unavailable, keyStoreKind: 'file' as const, credentials: { clientKey: 'c', adminToken: 'admin-token', created: false }, configPath: '/x/config.json', notes: [] };
  const tried: number[] = [];
  const start = (async (options: Parameters<typeof startServer>[0]) => {
    tried.push(options.port);
    assert.equal(options.adminToken, 'admin-token');
    if (options.port < 7423) throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    return { url: `http://127.0.0.1:${options.port}`, port: options.port } as RunningServer;
  }) as typeof startServer;
  const server = await startDesktopGateway({ setup, dataDir: '/x', port: 7420, portIsDefault: true, start });
  assert.equal(server.port, 7423);
  assert.deepEqual(tried, [7420, 7421, 7422, 7423]);
  tried.length = 0;
  await assert.rejects(startDesktopGateway({ setup, dataDir: '/x', port: 7420, portIsDefault: false, start }), /EADDRINUSE/);
  assert.deepEqual(tried, [7420]);
});

test('desktopDataDir matches Electron userData per platform', () => {
  const rows = [
    { platform: 'linux' as const, env: {}, expected: '/home/u/.config/Switchyard' },
    { platform: 'linux' as const, env: { XDG_CONFIG_HOME: '/cfg' }, expected: '/cfg/Switchyard' },
    { platform: 'darwin' as const, env: {}, expected: '/home/u/Library/Application Support/Switchyard' },
    { platform: 'win32' as const, env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, expected: 'C:\\Users\\u\\AppData\\Roaming\\Switchyard' },
    { platform: 'linux' as const, env: { SWITCHYARD_DESKTOP_DATA_DIR: '/srv/sy' }, expected: '/srv/sy' },
  ];
  for (const row of rows) assert.equal(desktopDataDir(row.platform, row.env, '/home/u'), row.expected, JSON.stringify(row));
});
