// The one dashboard window: created on demand, hidden (not closed) when the user closes it so the
// tray keeps running, and locked to the local gateway's origin.

import type { BrowserWindowLike, ElectronApi } from './electron-api';
import { dashboardWindowOptions, guardWebContents } from './windows';

export interface DashboardWindow {
  show(): void;
  /** The window's web contents id, for the IPC sender check; undefined while there is no window. */
  contentsId(): number | undefined;
  destroy(): void;
}

export interface DashboardWindowOptions {
  preloadPath: string;
  /** The gateway's base URL; the dashboard is served at its root. */
  gatewayUrl: string;
  adminToken: string;
  isQuitting(): boolean;
  log(message: string): void;
}

export function createDashboardWindow(electron: Pick<ElectronApi, 'BrowserWindow' | 'shell'>, options: DashboardWindowOptions): DashboardWindow {
  let window: BrowserWindowLike | undefined;
  const appOrigin = new URL(options.gatewayUrl).origin;

  function create(): BrowserWindowLike {
    const win = new electron.BrowserWindow(dashboardWindowOptions(options.preloadPath));
    guardWebContents(win.webContents, {
      appOrigin,
      openExternal: (url) => void electron.shell.openExternal(url).catch((err: Error) => options.log(`cannot open ${url}: ${err.message}`)),
    });
    win.on('close', (event) => {
      if (options.isQuitting()) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      if (window === win) window = undefined;
    });
    win.once('ready-to-show', () => win.show());
    // The fragment signs the dashboard in (contract §3) and is never sent over the wire.
    win.loadURL(`${options.gatewayUrl}/#token=${encodeURIComponent(options.adminToken)}`).catch((err: Error) => {
      options.log(`dashboard failed to load: ${err.message}`);
    });
    return win;
  }

  return {
    show() {
      if (!window || window.isDestroyed()) {
        window = create();
        return;
      }
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
    contentsId: () => (window && !window.isDestroyed() ? window.webContents.id : undefined),
    destroy() {
      if (window && !window.isDestroyed()) window.destroy();
      window = undefined;
    },
  };
}
