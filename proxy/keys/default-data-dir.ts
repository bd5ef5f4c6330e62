// The per-user data folder the desktop app and the CLI share when no --data-dir is given:
// the same place Electron's app.getPath('userData') points to for an app named Switchyard.

import * as path from 'node:path';

export const APP_FOLDER_NAME = 'Switchyard';
export const DATA_DIR_ENV = 'SWITCHYARD_DATA_DIR';

export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const explicit = env[DATA_DIR_ENV];
  if (explicit) return pathFor(platform).resolve(explicit);
  return pathFor(platform).join(appDataDir(platform, env, home), APP_FOLDER_NAME);
}

/** Electron's `appData`: %APPDATA% on Windows, Application Support on macOS, XDG config elsewhere. */
export function appDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
