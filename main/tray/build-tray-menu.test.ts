import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewaySummary } from '../admin-types';
import { buildTrayMenu, trayIconState, trayTitle, trayTooltip, type TrayMenuItem } from './build-tray-menu';
import { formatUsd } from './format-usd';
import type { TrayState } from './tray-state';

function summary(overrides: Partial<GatewaySummary> = {}): GatewaySummary {
  return {
    today: { costUsd: 1.234, requests: 42 },
    burn: { usdPerHour: 0.4, projectedTodayUsd: 3, projectedMonthUsd: 35 },
    budgets: [],
    breakers: [],
    paused: false,
    ...overrides,
  };
}

function state(overrides: Partial<TrayState> = {}): TrayState {
  return {
    platform: 'darwin',
    gateway: 'running',
    endpoint: 'http://127.0.0.1:7420/v1',
    summary: summary(),
    profile: { active: 'cheap', profiles: ['cheap', 'fast'] },
    openAtLogin: false,
    clientKeyAvailable: true,
    ...overrides,
  };
}

const budget = (spentUsd: number, limitUsd = 10) => ({ scope: 'client', name: 'ci', limitUsd, spentUsd, period: 'day' });

test('trayIconState', () => {
  const rows: Array<{ name: string; input: TrayState; expected: string }> = [
    { name: 'quiet day', input: state(), expected: 'normal' },
    { name: 'still starting', input: state({ gateway: 'starting', summary: undefined }), expected: 'normal' },
    { name: 'budget at 79%', input: state({ summary: summary({ budgets: [budget(7.9)] }) }), expected: 'normal' },
    { name: 'budget at 80%', input: state({ summary: summary({ budgets: [budget(8)] }) }), expected: 'near-budget' },
    { name: 'budget spent', input: state({ summary: summary({ budgets: [budget(2), budget(10)] }) }), expected: 'over-budget' },
    { name: 'zero limit never divides', input: state({ summary: summary({ budgets: [budget(0, 0)] }) }), expected: 'normal' },
    { name: 'half-open breaker is not down', input: state({ summary: summary({ breakers: [{ account: 'alpha', state: 'half_open' }] }) }), expected: 'normal' },
    { name: 'open breaker', input: state({ summary: summary({ breakers: [{ account: 'alpha', state: 'open' }], budgets: [budget(9)] }) }), expected: 'provider-down' },
    { name: 'over budget outranks a provider down', input: state({ summary: summary({ breakers: [{ account: 'a', state: 'open' }], budgets: [budget(11)] }) }), expected: 'over-budget' },
    { name: 'gateway gone', input: state({ gateway: 'unreachable', summary: undefined }), expected: 'provider-down' },
    { name: 'paused outranks everything', input: state({ summary: summary({ paused: true, budgets: [budget(20)] }) }), expected: 'paused' },
  ];
  for (const row of rows) assert.equal(trayIconState(row.input), row.expected, row.name);
});

test('formatUsd', () => {
  const rows = [
    { input: 0, expected: '$0.00' },
    { input: -1, expected: '$0.00' },
    { input: Number.NaN, expected: '$0.00' },
    { input: 0.004, expected: '<$0.01' },
    { input: 1.234, expected: '$1.23' },
    { input: 999.994, expected: '$999.99' },
    { input: 12345.6, expected: '$12,346' },
  ];
  for (const row of rows) assert.equal(formatUsd(row.input), row.expected, String(row.input));
});

test('tray title only on macOS; tooltip everywhere', () => {
  assert.equal(trayTitle(state()), '$1.23');
  assert.equal(trayTitle(state({ platform: 'win32' })), '');
  assert.equal(trayTitle(state({ gateway: 'starting', summary: undefined })), '');
  const rows = [
    { input: state({ platform: 'linux' }), expected: 'Switchyard: today $1.23 (42 requests)' },
    { input: state({ summary: summary({ today: { costUsd: 0, requests: 1 }, paused: true }) }), expected: 'Switchyard: today $0.00 (1 request) · routing paused' },
    { input: state({ summary: summary({ budgets: [budget(9)] }) }), expected: 'Switchyard: today $1.23 (42 requests) · near budget' },
    { input: state({ gateway: 'starting', summary: undefined }), expected: 'Switchyard: starting…' },
    { input: state({ gateway: 'unreachable', summary: undefined }), expected: 'Switchyard: gateway not responding' },
    { input: state({ summary: undefined }), expected: 'Switchyard: running (spend summary unavailable)' },
  ];
  for (const row of rows) assert.equal(trayTooltip(row.input), row.expected);
});

const labels = (items: TrayMenuItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

test('buildTrayMenu: summary, profiles as radio items, pause, actions, login, quit', () => {
  const items = buildTrayMenu(state({ summary: summary({ budgets: [budget(2), budget(9.5, 10)], breakers: [{ account: 'beta', state: 'open' }] }) }));
  assert.deepEqual(labels(items), [
    'Today: $1.23 · 42 requests',
    'Burn: $0.40/h · month ≈ $35.00',
    'Budget client ci: $9.50 of $10.00 per day (95%)',
    'Budget client ci: $2.00 of $10.00 per day (20%)',
    'Provider down: beta',
    '---',
    'Routing profile',
    'Default routes',
    'cheap',
    'fast',
    '---',
    'Pause routing',
    '---',
    'Open dashboard',
    'Copy endpoint',
    'Copy client key',
    '---',
    'Start at login',
    'Quit Switchyard',
  ]);
  const radios = items.filter((i) => i.type === 'radio');
  assert.deepEqual(radios.map((i) => [i.label, i.checked, i.action]), [
    ['Default routes', false, { kind: 'switch-profile', name: null }],
    ['cheap', true, { kind: 'switch-profile', name: 'cheap' }],
    ['fast', false, { kind: 'switch-profile', name: 'fast' }],
  ]);
  assert.ok(items.slice(0, 5).every((i) => i.enabled === false), 'summary lines are not clickable');
  assert.deepEqual(items.find((i) => i.label === 'Pause routing')?.action, { kind: 'set-paused', paused: true });
  assert.deepEqual(items.find((i) => i.label === 'Start at login'), { type: 'checkbox', label: 'Start at login', checked: false, action: { kind: 'set-open-at-login', enabled: true } });
});

test('buildTrayMenu: paused shows Resume; starting disables gateway actions; no profiles', () => {
  const paused = buildTrayMenu(state({ summary: summary({ paused: true }) }));
  assert.deepEqual(paused.find((i) => i.label === 'Resume routing')?.action, { kind: 'set-paused', paused: false });
  assert.ok(labels(paused).includes('Routing paused: requests are refused'));

  const starting = buildTrayMenu(state({ gateway: 'starting', summary: undefined, profile: undefined, clientKeyAvailable: false, openAtLogin: true }));
  const byLabel = (label: string) => starting.find((i) => i.label === label)!;
  assert.equal(starting[0].label, 'Gateway starting…');
  assert.equal(byLabel('Pause routing').enabled, false);
  assert.equal(byLabel('Open dashboard').enabled, true, 'the server listens before the first summary arrives');
  assert.equal(buildTrayMenu(state({ endpoint: undefined })).find((i) => i.label === 'Open dashboard')?.enabled, false);
  assert.equal(byLabel('Copy client key').enabled, false);
  assert.equal(byLabel('No routing profiles').enabled, false);
  assert.deepEqual(byLabel('Start at login').action, { kind: 'set-open-at-login', enabled: false });
  assert.equal(byLabel('Quit Switchyard').enabled, undefined, 'quit always works');

  const noBurn = buildTrayMenu(state({ summary: summary({ burn: { usdPerHour: 0, projectedTodayUsd: 0, projectedMonthUsd: 0 } }) }));
  assert.ok(!labels(noBurn).some((l) => l?.startsWith('Burn')));
});

test('buildTrayMenu is pure: same state, same template; shows at most three budgets', () => {
  const s = state({ summary: summary({ budgets: [budget(1), budget(2), budget(3), budget(4)] }) });
  assert.deepEqual(buildTrayMenu(s), buildTrayMenu(structuredClone(s)));
  assert.equal(buildTrayMenu(s).filter((i) => i.label?.startsWith('Budget')).length, 3);
  const total = buildTrayMenu(state({ summary: summary({ budgets: [{ scope: 'global', name: 'all', limitUsd: 100, spentUsd: 50, period: 'total' }] }) }));
  assert.ok(labels(total).includes('Budget global all: $50.00 of $100.00 in total (50%)'));
});

test('buildTrayMenu: a gateway without a spend summary still offers profiles and the dashboard', () => {
  const items = buildTrayMenu(state({ summary: undefined }));
  assert.equal(items[0].label, 'Spend summary unavailable');
  assert.equal(items.find((i) => i.label === 'cheap')?.enabled, true);
  assert.equal(items.find((i) => i.label === 'Pause routing')?.enabled, false, 'pause state unknown');
  assert.equal(trayIconState(state({ summary: undefined })), 'normal');
});
