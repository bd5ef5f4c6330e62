// "Start at login": the OS login item on macOS and Windows; on Linux, where Electron has no login
// item API, an XDG autostart entry (~/.config/autostart/switchyard.desktop).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppLike } from './electron-api';

export interface LoginItem {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  app: Pick<AppLike, 'getLoginItemSettings' | 'setLoginItemSettings'>;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  execPath: string;
  /** Arguments the app needs to start, e.g. the app folder when running unpackaged from source. */
  launchArgs?: string[];
}

export function createLoginItem(deps: LoginItemDeps): LoginItem {
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    return {
      isEnabled: () => deps.app.getLoginItemSettings().openAtLogin,
      setEnabled: (enabled) => deps.app.setLoginItemSettings({ openAtLogin: enabled, args: deps.launchArgs ?? [] }),
    };
  }
  const file = linuxAutostartPath(deps.env, deps.homeDir);
  // An AppImage runs from a temporary mount: start the AppImage file itself, not the mounted binary.
  const exec = deps.env.APPIMAGE || deps.execPath;
  return {
    isEnabled: () => fs.existsSync(file),
    setEnabled: (enabled) => {
      if (!enabled) return fs.rmSync(file, { force: true });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, linuxAutostartEntry(exec, deps.launchArgs ?? []));
    },
  };
}

export function linuxAutostartPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(homeDir, '.config'), 'autostart', 'switchyard.desktop');
}

/** A Desktop Entry per the freedesktop spec; Exec quoted when the path needs it. */
export function linuxAutostartEntry(exec: string, args: string[] = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchyard',
    'Comment=Local LLM gateway in the tray',
    `Exec=${[exec, ...args].map(quoteExec).join(' ')}`,
    'Icon=switchyard',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

// Desktop Entry spec, "The Exec key": reserved characters force quoting; inside quotes ", `, $ and \
// take a backslash, and the value's own backslashes are escaped once more as a string value.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

function quoteExec(exec: string): string {
  if (!RESERVED.test(exec)) return exec;
  const quoted = `"${exec.replace(/["`$\\]/g, (char) => `\\${char}`)}"`;
  return quoted.replace(/\\/g, '\\\\');
}
