import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { RunningServer, startServer } from '../server/start-server';
import { electronBlocker, resolveElectron, runDesktopCommand, type DesktopCommandDeps } from './desktop';

const existing = process.execPath; // any file that exists stands in for the binary

test('electronBlocker', () => {
  const missing = () => { throw new Error('never downloaded'); };
  const rows = [
    { name: 'no binary', platform: 'linux' as const, env: { DISPLAY: ':0' }, resolve: missing, expected: /not installed/ },
    { name: 'binary path gone', platform: 'darwin' as const, env: {}, resolve: () => '/nope/electron', expected: /missing at \/nope\/electron/ },
    { name: 'linux without display', platform: 'linux' as const, env: {}, resolve: () => existing, expected: /no display/ },
    { name: 'linux with X11', platform: 'linux' as const, env: { DISPLAY: ':0' }, resolve: () => existing, expected: undefined },
    { name: 'linux with Wayland', platform: 'linux' as const, env: { WAYLAND_DISPLAY: 'wayland-0' }, resolve: () => existing, expected: undefined },
    { name: 'macOS needs no DISPLAY', platform: 'darwin' as const, env: {}, resolve: () => existing, expected: undefined },
  ];
  for (const row of rows) {
    const reason = electronBlocker(row.platform, row.env, row.resolve);
    if (row.expected === undefined) assert.equal(reason, undefined, row.name);
    else assert.match(reason ?? '', row.expected, row.name);
  }
});

test('resolveElectron reads the package path file and never downloads', () => {
  assert.throws(() => resolveElectron({}), /never downloaded/, 'this machine has no Electron binary');
  assert.equal(resolveElectron({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }), path.join('/opt/electron', 'electron'));
});

function io(env: NodeJS.ProcessEnv) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdin: Readable.from([]),
      stdout: { write: (t: string) => ((out.stdout += t), true) } as unknown as NodeJS.WritableStream,
      stderr: { write: (t: string) => ((out.stderr += t), true) } as unknown as NodeJS.WritableStream,
      env,
    },
  };
}

function fakeServer(started: Array<Parameters<typeof startServer>[0]>): typeof startServer {
  return (async (options: Parameters<typeof startServer>[0]) => {
    started.push(options);
    return { url: 'http://127.0.0.1:7420', port: 7420, adminToken: options.adminToken, close: async () => undefined } as RunningServer;
  }) as typeof startServer;
}

test('desktop: Electron runs when it can, with the app root and pass-through flags', async () => {
  const calls: Array<{ binary: string; args: string[] }> = [];
  const deps: DesktopCommandDeps = {
    platform: 'linux',
    resolveElectron: () => existing,
    runElectron: async (binary, args) => { calls.push({ binary, args }); return 0; },
  };
  const { io: cli } = io({ DISPLAY: ':0' });
  assert.equal(await runDesktopCommand(['--port', '9000', '--data-dir', '/d'], cli, deps), 0);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].binary, existing);
  assert.ok(fs.existsSync(path.join(calls[0].args[0], 'package.json')), 'first argument is the app root');
  assert.deepEqual(calls[0].args.slice(1), ['--port=9000', '--data-dir=/d']);
});

test('desktop: no display → one line, then the headless gateway with desktop credentials until stopped', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-desk-'));
  const started: Array<Parameters<typeof startServer>[0]> = [];
  const env = { SWITCHYARD_MASTER_KEY: 'desktop command test passphrase' };
  const { io: cli, out } = io(env);
  const code = await runDesktopCommand(['--data-dir', dir, '--port', '0'], cli, {
    platform: 'linux',
    resolveElectron: () => existing,
    runElectron: async () => { throw new Error('must not run'); },
    startServer: fakeServer(started),
    untilStopped: async () => 'SIGTERM',
  });
  assert.equal(code, 0);
  const lines = out.stderr.trim().split('\n');
  assert.deepEqual(lines, ['switchyard desktop: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); running the headless gateway instead']);
  assert.equal(started.length, 1);
  assert.equal(started[0].dataDir, dir);
  assert.equal(started[0].configPath, path.join(dir, 'config.json'));
  assert.match(started[0].adminToken ?? '', /^sy-admin-/);
  assert.match(await started[0].keyStore!.get('switchyard-client-key') ?? '', /^sy-local-/, 'keychain: references resolve through the desktop store');
  assert.match(out.stdout, /Switchyard gateway on http:\/\/127\.0\.0\.1:7420/);
  assert.match(out.stdout, /Client key: sy-local-/);
  assert.match(out.stdout, /SIGTERM received/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('desktop: Electron failing at startup falls back; a long session returns its exit code', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-desk-'));
  const started: Array<Parameters<typeof startServer>[0]> = [];
  const { io: cli, out } = io({ DISPLAY: ':0', SWITCHYARD_MASTER_KEY: 'desktop command test passphrase' });
  const code = await runDesktopCommand(['--data-dir', dir, '--headless'], cli, { platform: 'linux', resolveElectron: () => existing, runElectron: async () => 0, startServer: fakeServer(started), untilStopped: async () => 'SIGINT' });
  assert.equal(code, 0);
  assert.match(out.stderr, /headless mode requested; running the headless gateway instead/);
  const early = io({ DISPLAY: ':0', SWITCHYARD_MASTER_KEY: 'desktop command test passphrase' });
  await runDesktopCommand(['--data-dir', dir], early.io, { platform: 'linux', resolveElectron: () => existing, runElectron: async () => 1, startServer: fakeServer(started), untilStopped: async () => 'SIGINT' });
  assert.match(early.out.stderr, /Electron exited with code 1 while starting; running the headless gateway instead/);
  assert.equal(started.length, 2);
  const bad = io({});
  assert.equal(await runDesktopCommand(['--port', 'x'], bad.io, {}), 2);
  fs.rmSync(dir, { recursive: true, force: true });
});
