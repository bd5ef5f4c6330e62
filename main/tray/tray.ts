// Turns the pure tray model into the native tray: icon, title, tooltip and menu, each touched only
// when it changed (rebuilding a native menu while it is open closes it on some platforms).

import type { MenuItemConstructorOptions } from 'electron';
import type { ElectronApi, TrayLike } from '../electron-api';
import { buildTrayMenu, trayIconState, trayTitle, trayTooltip, type TrayAction, type TrayMenuItem } from './build-tray-menu';
import { trayIconPath } from './tray-icon-path';
import type { TrayState } from './tray-state';

export interface TrayController {
  update(state: TrayState): void;
  /** Re-applies the last state even if unchanged, e.g. to undo a radio click that failed. */
  refresh(): void;
  destroy(): void;
}

export interface TrayOptions {
  assetsDir: string;
  initialState: TrayState;
  onAction(action: TrayAction): void;
}

export function createTrayController(electron: Pick<ElectronApi, 'Tray' | 'Menu'>, options: TrayOptions): TrayController {
  const { platform } = options.initialState;
  const tray: TrayLike = new electron.Tray(trayIconPath(options.assetsDir, platform, trayIconState(options.initialState)));
  let last: { icon?: string; title?: string; tooltip?: string; menu?: string } = {};
  let current = options.initialState;

  // Windows users expect a left click to open the app; macOS and Linux open the menu instead.
  if (platform === 'win32') tray.on('click', () => options.onAction({ kind: 'open-dashboard' }));

  function apply(state: TrayState, force: boolean): void {
    current = state;
    const icon = trayIconPath(options.assetsDir, platform, trayIconState(state));
    if (force || icon !== last.icon) tray.setImage(icon);
    const title = trayTitle(state);
    if (platform === 'darwin' && (force || title !== last.title)) tray.setTitle(title);
    const tooltip = trayTooltip(state);
    if (force || tooltip !== last.tooltip) tray.setToolTip(tooltip);
    const template = buildTrayMenu(state);
    const menu = JSON.stringify(template);
    if (force || menu !== last.menu) {
      tray.setContextMenu(electron.Menu.buildFromTemplate(toMenuOptions(template, options.onAction)));
    }
    last = { icon, title, tooltip, menu };
  }

  apply(options.initialState, true);
  return {
    update: (state) => apply(state, false),
    refresh: () => apply(current, true),
    destroy: () => tray.destroy(),
  };
}

export function toMenuOptions(items: TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => {
    if (item.type === 'separator') return { type: 'separator' };
    const options: MenuItemConstructorOptions = { type: item.type, label: item.label, enabled: item.enabled ?? true };
    if (item.checked !== undefined) options.checked = item.checked;
    const action = item.action;
    if (action) options.click = () => onAction(action);
    return options;
  });
}
