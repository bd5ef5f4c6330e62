// Which icon file shows a tray state. macOS gets black+alpha template images (the system tints them
// for light and dark menu bars, so states differ by badge shape); other platforms get colour badges.
// Electron picks the @2x file beside each one on high-density screens.

import * as path from 'node:path';
import type { TrayIconState } from './tray-state';

export function trayIconPath(assetsDir: string, platform: NodeJS.Platform, state: TrayIconState): string {
  if (platform === 'darwin') {
    return path.join(assetsDir, 'tray', state === 'normal' ? 'trayTemplate.png' : `tray-${state}Template.png`);
  }
  return path.join(assetsDir, 'tray', `tray-${state}.png`);
}
