import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { FakeApp } from '../test/desktop-fake-electron';
import { createLoginItem, linuxAutostartEntry } from './login-item';

test('macOS and Windows use the OS login item', () => {
  for (const platform of ['darwin', 'win32'] as const) {
    const app = new FakeApp('/tmp');
    const item = createLoginItem({ platform, app, env: {}, homeDir: '/home/u', execPath: '/x' });
    assert.equal(item.isEnabled(), false);
    item.setEnabled(true);
    assert.equal(app.loginItem.openAtLogin, true);
    assert.equal(item.isEnabled(), true);
  }
});

test('Linux writes and removes an XDG autostart entry, preferring the AppImage path', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-login-'));
  const file = path.join(home, '.config', 'autostart', 'switchyard.desktop');
  const item = createLoginItem({ platform: 'linux', app: new FakeApp('/tmp'), env: { APPIMAGE: '/opt/apps/Switchyard.AppImage' }, homeDir: home, execPath: '/tmp/.mount_x/switchyard' });
  assert.equal(item.isEnabled(), false);
  item.setEnabled(true);
  assert.equal(item.isEnabled(), true);
  assert.match(fs.readFileSync(file, 'utf8'), /^Exec=\/opt\/apps\/Switchyard\.AppImage$/m);
  item.setEnabled(false);
  assert.equal(fs.existsSync(file), false);
  item.setEnabled(false); // idempotent
  fs.rmSync(home, { recursive: true, force: true });
});

test('linuxAutostartEntry quotes Exec per the Desktop Entry spec', () => {
  const rows = [
    { input: '/usr/bin/switchyard', expected: 'Exec=/usr/bin/switchyard' },
    { input: '/home/me/My Apps/Switchyard.AppImage', expected: 'Exec="/home/me/My Apps/Switchyard.AppImage"' },
    { input: '/opt/a$b', expected: 'Exec="/opt/a\\\\$b"' },
  ];
  for (const row of rows) {
    const entry = linuxAutostartEntry(row.input);
    assert.ok(entry.startsWith('[Desktop Entry]\nType=Application\n'), row.input);
    assert.ok(entry.split('\n').includes(row.expected), `${row.input}: ${entry}`);
  }
});

test('from source, the login item starts Electron with the app folder', () => {
  const app = new FakeApp('/tmp');
  let settings: unknown;
  app.setLoginItemSettings = (s) => void (settings = s);
  createLoginItem({ platform: 'win32', app, env: {}, homeDir: '/h', execPath: 'C:\\electron.exe', launchArgs: ['C:\\src\\switchyard'] }).setEnabled(true);
  assert.deepEqual(settings, { openAtLogin: true, args: ['C:\\src\\switchyard'] });
  assert.ok(linuxAutostartEntry('/usr/bin/electron', ['/home/me/src/switchyard']).includes('Exec=/usr/bin/electron /home/me/src/switchyard\n'));
});
