// The desktop app's data folder: where Electron's app.getPath('userData') points for an app named
// Switchyard. The headless fallback of `switchyard desktop` uses it too, so both see the same data.

import * as path from 'node:path';

export const APP_FOLDER_NAME = 'Switchyard';
export const DESKTOP_DATA_DIR_ENV = 'SWITCHYARD_DESKTOP_DATA_DIR';

export function desktopDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const explicit = env[DESKTOP_DATA_DIR_ENV];
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
