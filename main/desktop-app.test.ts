// The main-process glue under plain Node: a fake `electron` (test/desktop-fake-electron.ts) and
// (1) the real in-process gateway, (2) a scripted admin API, to drive tray states the gateway would
// need real traffic, budgets and outages to produce.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { prepareDesktop } from '../proxy/cli/desktop-setup';
import { openKeyStore } from '../proxy/keys/key-store';
import type { RunningServer, startServer as StartServer } from '../proxy/server/start-server';
import { startServer } from '../proxy/server/start-server';
import { createFakeElectron, FakeBrowserWindow, FakeNotification, FakeTray, type FakeElectron } from '../test/desktop-fake-electron';
import type { GatewayEvent, GatewaySummary, ProfileState } from './admin-types';
import { startDesktopApp, type DesktopAppDeps } from './desktop-app';

const MASTER = { SWITCHYARD_MASTER_KEY: 'a passphrase for the desktop tests' };
const tick = () => new Promise((r) => setImmediate(r));

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function deps(electron: FakeElectron, dataDir: string, overrides: Partial<DesktopAppDeps> = {}): DesktopAppDeps & { logs: string[] } {
  const logs: string[] = [];
  return {
    electron,
    platform: 'linux',
    env: { ...MASTER },
    argv: ['--port=0'],
    homeDir: dataDir,
    execPath: '/usr/bin/switchyard',
    launchArgs: [],
    preloadPath: '/app/dist/main/preload.js',
    assetsDir: '/app/assets',
    startServer,
    // The file store stands in for the keychain so the test runs the same with or without D-Bus.
    prepare: (options) => prepareDesktop({ ...options, openStore: () => openKeyStore('file', options.dataDir, { env: MASTER }) }),
    log: (m) => logs.push(m),
    pollIntervalMs: 20,
    ...overrides,
    logs,
  };
}

test('desktop app: in-process gateway with the first-run client key and admin token; window and quit', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-desktop-'));
  const electron = createFakeElectron(userData);
  const app = await startDesktopApp(deps(electron, userData));
  assert.ok(app);
  const { url } = app.server;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(fs.existsSync(path.join(userData, 'config.json')), 'starter config in userData');
  assert.ok(fs.existsSync(path.join(userData, 'switchyard.db')), 'request log in userData');

  assert.equal((await fetch(`${url}/health`)).status, 200);
  assert.equal((await fetch(`${url}/v1/models`)).status, 401, 'the starter config requires the client key');
  const models = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${app.setup.credentials.clientKey}` } });
  assert.equal(models.status, 200, 'the first-run client key is the gateway client key');
  assert.equal(app.server.adminToken, app.setup.credentials.adminToken);
  const profile = await fetch(`${url}/api/profile`, { headers: { authorization: `Bearer ${app.setup.credentials.adminToken}` } });
  assert.equal(profile.status, 200);

  // First run opens the dashboard, signed in through the URL fragment, in a locked-down window.
  assert.equal(FakeBrowserWindow.all.length, 1);
  const window = FakeBrowserWindow.all[0];
  assert.equal(window.loadedUrl, `${url}/#token=${encodeURIComponent(app.setup.credentials.adminToken)}`);
  assert.equal(window.options.webPreferences?.sandbox, true);
  await tick();
  assert.equal(window.visible, true);
  assert.equal(electron.session.defaultSession.headerListener !== undefined, true, 'CSP installed');

  // Closing hides; the tray keeps running; a second launch brings the window back.
  assert.equal(window.userClose(), false);
  assert.equal(window.visible, false);
  assert.equal(window.destroyed, false);
  electron.app.emit('second-instance');
  assert.equal(window.visible, true);
  assert.equal(FakeBrowserWindow.all.length, 1, 'the same window, not a new one');

  // The monitor reaches the real gateway's admin API with the admin token (the spend summary
  // arrives once the gateway serves /api/summary; the profile answer alone means it is up).
  const tray = FakeTray.all[0];
  await until(() => /^(Spend summary unavailable|Today: )/.test(String(tray.menu?.items[0].label)), 'the tray to see the running gateway');
  assert.ok(tray.menu!.items.some((i) => i.label === 'No routing profiles' || i.type === 'radio'));
  tray.click('Copy endpoint');
  tray.click('Copy client key');
  await tick();
  assert.deepEqual(electron.clipboardText, [`${url}/v1`, app.setup.credentials.clientKey]);

  // IPC answers the dashboard window only.
  const info = await electron.ipcMain.invoke('gateway:info', { id: window.webContents.id, url: `${url}/` });
  assert.deepEqual(info, { url, endpoint: `${url}/v1`, adminToken: app.setup.credentials.adminToken });
  await assert.rejects(electron.ipcMain.invoke('gateway:info', { id: window.webContents.id + 100, url: `${url}/` }));

  // A provider key stored through the bridge reaches the running gateway: the config naming
  // keychain:alpha could not load before, and loads once the key is there.
  const config = JSON.parse(fs.readFileSync(path.join(userData, 'config.json'), 'utf8'));
  config.providers = [{ id: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'keychain:alpha', models: ['m-large'] }];
  fs.writeFileSync(path.join(userData, 'config.json'), JSON.stringify(config));
  assert.equal(await app.server.reloadConfig(), false, 'keychain:alpha is not stored yet');
  const listModels = async () => ((await (await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${app.setup.credentials.clientKey}` } })).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
  assert.ok(!(await listModels()).includes('alpha/m-large'));
  await electron.ipcMain.invoke('keys:set', { id: window.webContents.id, url: `${url}/#/keys` }, 'alpha', 'sk-alpha');
  assert.ok((await listModels()).includes('alpha/m-large'), 'the gateway picked up the new key');
  assert.deepEqual(await electron.ipcMain.invoke('keys:list', { id: window.webContents.id, url: `${url}/` }), ['alpha']);

  // Quit waits for the gateway to close, then quits for real.
  tray.click('Quit Switchyard');
  await until(() => electron.app.quitCalls === 2, 'the second quit after shutdown');
  await assert.rejects(fetch(`${url}/health`), 'gateway closed');
  assert.equal(tray.destroyed, true);
  assert.equal(electron.ipcMain.handlers.size, 0);

  // Second run: same credentials, no window until asked.
  const electron2 = createFakeElectron(userData);
  const again = await startDesktopApp(deps(electron2, userData));
  assert.equal(again!.setup.credentials.clientKey, app.setup.credentials.clientKey);
  assert.equal(again!.setup.credentials.created, false);
  assert.equal(FakeBrowserWindow.all.length, 0);
  await again!.shutdown();
  fs.rmSync(userData, { recursive: true, force: true });
});

test('desktop app: a second instance hands over and quits', async () => {
  const electron = createFakeElectron('/nonexistent');
  electron.app.lockAvailable = false;
  assert.equal(await startDesktopApp(deps(electron, '/nonexistent')), undefined);
  assert.equal(electron.app.quitCalls, 1);
  assert.equal(FakeTray.all.length, 0);
});

/** The gateway's admin API as the tray reads it, scripted by the test. */
async function startScriptedAdmin(token: string) {
  const state = {
    summary: { today: { costUsd: 1.5, requests: 3 }, burn: { usdPerHour: 0, projectedTodayUsd: 0, projectedMonthUsd: 0 }, budgets: [], breakers: [], paused: false } as GatewaySummary,
    profile: { active: null, profiles: ['cheap', 'fast'] } as ProfileState,
    events: [] as GatewayEvent[],
    failProfile: false,
    writes: [] as string[],
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, value?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(value === undefined ? '' : JSON.stringify(value));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: { message: 'unauthorized' } });
      const [route, query] = (req.url ?? '').split('?');
      if (req.method !== 'GET') state.writes.push(`${req.method} ${route} ${body}`);
      if (route === '/api/summary') return send(200, state.summary);
      if (route === '/api/breakers') return send(200, { breakers: state.summary.breakers });
      if (route === '/api/profile' && req.method === 'GET') return send(200, state.profile);
      if (route === '/api/profile') {
        if (state.failProfile) return send(500, { error: { message: 'store is read-only' } });
        state.profile = { ...state.profile, active: JSON.parse(body).name };
        return send(200, state.profile);
      }
      if (route === '/api/paused') {
        state.summary = { ...state.summary, paused: JSON.parse(body).paused };
        return send(200, { paused: state.summary.paused });
      }
      if (route === '/api/events') {
        const since = new URLSearchParams(query).get('since');
        return send(200, { events: state.events.filter((e) => since === null || Number(e.id) > Number(since)) });
      }
      send(404, { error: { message: 'no such admin endpoint' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fakeStart = (async () => ({ url, port: 0, host: '127.0.0.1', adminToken: token, gateway: undefined as never, reloadConfig: async () => false, close: async () => undefined })) as unknown as typeof StartServer;
  return { state, url, fakeStart, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('desktop app: tray follows the gateway — spend, profiles, pause, budgets, outages, notifications', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-desktop-'));
  const electron = createFakeElectron(userData);
  const prepared = await prepareDesktop({ dataDir: userData, env: MASTER, openStore: () => openKeyStore('file', userData, { env: MASTER }) });
  const admin = await startScriptedAdmin(prepared.credentials.adminToken);
  const d = deps(electron, userData, { startServer: admin.fakeStart, platform: 'darwin' });
  const app = (await startDesktopApp(d))!;
  const tray = FakeTray.all[0];
  const item = (label: string) => tray.menu!.items.find((i) => i.label === label);

  await until(() => tray.title === '$1.50', 'the spend in the macOS tray title');
  assert.equal(tray.toolTip, 'Switchyard: today $1.50 (3 requests)');
  assert.equal(path.basename(tray.image), 'trayTemplate.png');
  assert.equal(item('Default routes')?.checked, true);

  tray.click('fast');
  await until(() => item('fast')?.checked === true, 'the profile radio to follow');
  assert.deepEqual(admin.state.writes, ['PUT /api/profile {"name":"fast"}']);

  tray.click('Pause routing');
  await until(() => item('Resume routing') !== undefined, 'Resume routing');
  assert.equal(path.basename(tray.image), 'tray-pausedTemplate.png');
  tray.click('Resume routing');
  await until(() => item('Pause routing') !== undefined, 'Pause routing');

  admin.state.summary = { ...admin.state.summary, budgets: [{ scope: 'client', name: 'desktop', limitUsd: 2, spentUsd: 1.7, period: 'day' }] };
  await until(() => path.basename(tray.image) === 'tray-near-budgetTemplate.png', 'near-budget icon');
  admin.state.events.push({ id: '1', kind: 'budget_threshold', message: 'client desktop passed 80% of its daily budget', at: '2026-01-01T00:00:00Z' });
  await until(() => FakeNotification.shown.length === 1, 'a notification');
  assert.deepEqual(FakeNotification.shown.map((n) => [n.title, n.body]), [['Budget threshold crossed', 'client desktop passed 80% of its daily budget']]);

  admin.state.summary = { ...admin.state.summary, budgets: [{ scope: 'client', name: 'desktop', limitUsd: 2, spentUsd: 2.1, period: 'day' }] };
  await until(() => path.basename(tray.image) === 'tray-over-budgetTemplate.png', 'over-budget icon');
  admin.state.summary = { ...admin.state.summary, budgets: [], breakers: [{ account: 'alpha', state: 'open' }] };
  await until(() => path.basename(tray.image) === 'tray-provider-downTemplate.png', 'provider-down icon');
  await until(() => FakeNotification.shown.length === 2, 'the breaker notification');
  assert.deepEqual([FakeNotification.shown[1].title, FakeNotification.shown[1].body], ['Provider unavailable', 'alpha stopped answering; its circuit is open and requests go to the fallbacks']);
  assert.ok(item('Provider down: alpha'));

  // A failed switch puts the radio mark back where the gateway says it is.
  admin.state.failProfile = true;
  const builds = tray.menuBuilds;
  await app.dispatch({ kind: 'switch-profile', name: 'cheap' });
  assert.ok(tray.menuBuilds > builds, 'menu rebuilt');
  assert.equal(item('fast')?.checked, true);
  assert.ok(d.logs.some((l) => /switch-profile failed: PUT \/api\/profile answered 500: store is read-only/.test(l)), d.logs.join('\n'));

  // Start at login (the XDG entry path is platform-specific; darwin uses the OS login item).
  tray.click('Start at login');
  await until(() => item('Start at login')?.checked === true, 'Start at login checked');
  assert.equal(electron.app.loginItem.openAtLogin, true);

  tray.click('Open dashboard');
  assert.equal(FakeBrowserWindow.all.length, 1);
  await app.shutdown();
  await admin.close();
  fs.rmSync(userData, { recursive: true, force: true });
});
