import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { createFakeElectron, FakeTray } from '../../test/desktop-fake-electron';
import type { TrayAction } from './build-tray-menu';
import { createTrayController } from './tray';
import { trayIconPath } from './tray-icon-path';
import type { TrayState } from './tray-state';

const base: TrayState = {
  platform: 'darwin',
  gateway: 'running',
  endpoint: 'http://127.0.0.1:7420/v1',
  summary: { today: { costUsd: 2, requests: 3 }, burn: { usdPerHour: 0, projectedTodayUsd: 0, projectedMonthUsd: 0 }, budgets: [], breakers: [], paused: false },
  profile: { active: null, profiles: ['cheap'] },
  openAtLogin: false,
  clientKeyAvailable: true,
};

test('trayIconPath: template images on macOS, colour icons elsewhere', () => {
  const rows = [
    { platform: 'darwin' as const, state: 'normal' as const, expected: 'trayTemplate.png' },
    { platform: 'darwin' as const, state: 'paused' as const, expected: 'tray-pausedTemplate.png' },
    { platform: 'linux' as const, state: 'over-budget' as const, expected: 'tray-over-budget.png' },
    { platform: 'win32' as const, state: 'normal' as const, expected: 'tray-normal.png' },
  ];
  for (const row of rows) assert.equal(trayIconPath('/a', row.platform, row.state), path.join('/a', 'tray', row.expected));
});

test('tray controller applies state, rebuilds only on change, and wires clicks to actions', () => {
  const electron = createFakeElectron('/tmp/unused');
  const actions: TrayAction[] = [];
  const controller = createTrayController(electron, { assetsDir: '/assets', initialState: base, onAction: (a) => actions.push(a) });
  const tray = FakeTray.all[0];
  assert.equal(tray.image, path.join('/assets', 'tray', 'trayTemplate.png'));
  assert.equal(tray.title, '$2.00');
  assert.equal(tray.toolTip, 'Switchyard: today $2.00 (3 requests)');
  assert.equal(tray.menuBuilds, 1);

  controller.update({ ...base });
  assert.equal(tray.menuBuilds, 1, 'an equal state does not rebuild the menu');

  controller.update({ ...base, summary: { ...base.summary!, paused: true } });
  assert.equal(tray.menuBuilds, 2);
  assert.equal(tray.image, path.join('/assets', 'tray', 'tray-pausedTemplate.png'));

  tray.click('cheap');
  tray.click('Resume routing');
  tray.click('Copy endpoint');
  assert.deepEqual(actions, [{ kind: 'switch-profile', name: 'cheap' }, { kind: 'set-paused', paused: false }, { kind: 'copy-endpoint' }]);
  const radio = tray.menu!.items.find((i) => i.label === 'Default routes')!;
  assert.equal(radio.type, 'radio');
  assert.equal(radio.checked, true);

  controller.refresh();
  assert.equal(tray.menuBuilds, 3, 'refresh forces a rebuild');
  controller.destroy();
  assert.equal(tray.destroyed, true);
});

test('a left click opens the dashboard on Windows only', () => {
  for (const platform of ['win32', 'linux'] as const) {
    const electron = createFakeElectron('/tmp/unused');
    const actions: TrayAction[] = [];
    createTrayController(electron, { assetsDir: '/a', initialState: { ...base, platform }, onAction: (a) => actions.push(a) });
    FakeTray.all[0].emit('click');
    assert.deepEqual(actions, platform === 'win32' ? [{ kind: 'open-dashboard' }] : [], platform);
    assert.equal(FakeTray.all[0].title, '', 'no title outside macOS');
  }
});
