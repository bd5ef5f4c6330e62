// Electron's main process entry (package.json "main": dist/main/app.js). Everything else in main/
// takes the electron module as a dependency; only this file imports it.

import electron = require('electron');
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from '../proxy/server/start-server';
import { startDesktopApp } from './desktop-app';
import type { ElectronApi } from './electron-api';

// tsc checks here that the real module provides the slice desktop-app.ts is written against.
const api: ElectronApi = electron;

// Fixed before `ready`, so userData is the same folder in development and in the installed app.
electron.app.setName('Switchyard');
electron.app.setPath('userData', path.join(electron.app.getPath('appData'), 'Switchyard'));
if (process.platform === 'win32') electron.app.setAppUserModelId('dev.switchyard.app'); // notifications on Windows

const log = (message: string): void => {
  process.stderr.write(`[switchyard] ${message}\n`);
};

startDesktopApp({
  electron: api,
  platform: process.platform,
  env: process.env,
  argv: process.argv.slice(1),
  homeDir: os.homedir(),
  execPath: process.execPath,
  launchArgs: electron.app.isPackaged ? [] : [electron.app.getAppPath()],
  preloadPath: path.join(__dirname, 'preload.js'),
  assetsDir: path.join(__dirname, '..', '..', 'assets'),
  startServer,
  log,
}).catch((err: Error) => {
  log(`cannot start: ${err.stack ?? err.message}`);
  electron.dialog.showErrorBox('Switchyard could not start', err.message);
  electron.app.exit(1);
});
