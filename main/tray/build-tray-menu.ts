// The tray's menu, icon state, title and tooltip as pure functions of TrayState.
// tray.ts turns the plain template into a native menu and wires the actions.

import type { BudgetStatus } from '../admin-types';
import { formatUsd } from './format-usd';
import { NEAR_BUDGET_SHARE, type TrayIconState, type TrayState } from './tray-state';

export type TrayAction =
  | { kind: 'switch-profile'; name: string | null }
  | { kind: 'set-paused'; paused: boolean }
  | { kind: 'open-dashboard' }
  | { kind: 'copy-endpoint' }
  | { kind: 'copy-client-key' }
  | { kind: 'set-open-at-login'; enabled: boolean }
  | { kind: 'quit' };

export interface TrayMenuItem {
  type: 'normal' | 'separator' | 'radio' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
}

const MAX_BUDGET_LINES = 3;

export function trayIconState(state: TrayState): TrayIconState {
  const summary = state.summary;
  if (summary?.paused) return 'paused';
  if (state.gateway === 'unreachable') return 'provider-down';
  if (!summary) return 'normal';
  const shares = summary.budgets.map(budgetShare);
  if (shares.some((share) => share >= 1)) return 'over-budget';
  if (summary.breakers.some((breaker) => breaker.state === 'open')) return 'provider-down';
  if (shares.some((share) => share >= NEAR_BUDGET_SHARE)) return 'near-budget';
  return 'normal';
}

/** macOS shows text beside the icon; other platforms have no tray title. */
export function trayTitle(state: TrayState): string {
  if (state.platform !== 'darwin' || !state.summary) return '';
  return formatUsd(state.summary.today.costUsd);
}

export function trayTooltip(state: TrayState): string {
  if (state.gateway === 'starting') return 'Switchyard: starting…';
  if (state.gateway === 'unreachable') return 'Switchyard: gateway not responding';
  if (!state.summary) return 'Switchyard: running (spend summary unavailable)';
  const { costUsd, requests } = state.summary.today;
  const spend = `Switchyard: today ${formatUsd(costUsd)} (${requests} ${requests === 1 ? 'request' : 'requests'})`;
  const notes: Record<TrayIconState, string> = {
    normal: '',
    'near-budget': ' · near budget',
    'over-budget': ' · over budget',
    paused: ' · routing paused',
    'provider-down': ' · provider down',
  };
  return spend + notes[trayIconState(state)];
}

export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  const running = state.gateway === 'running';
  return [
    ...summaryItems(state),
    { type: 'separator' },
    ...profileItems(state, running),
    { type: 'separator' },
    state.summary?.paused
      ? { type: 'normal', label: 'Resume routing', enabled: running, action: { kind: 'set-paused', paused: false } }
      : { type: 'normal', label: 'Pause routing', enabled: running && state.summary !== undefined, action: { kind: 'set-paused', paused: true } },
    { type: 'separator' },
    { type: 'normal', label: 'Open dashboard', enabled: state.endpoint !== undefined, action: { kind: 'open-dashboard' } },
    { type: 'normal', label: 'Copy endpoint', enabled: state.endpoint !== undefined, action: { kind: 'copy-endpoint' } },
    { type: 'normal', label: 'Copy client key', enabled: state.clientKeyAvailable, action: { kind: 'copy-client-key' } },
    { type: 'separator' },
    { type: 'checkbox', label: 'Start at login', checked: state.openAtLogin, action: { kind: 'set-open-at-login', enabled: !state.openAtLogin } },
    { type: 'normal', label: 'Quit Switchyard', action: { kind: 'quit' } },
  ];
}

function summaryItems(state: TrayState): TrayMenuItem[] {
  const info = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false });
  if (state.gateway === 'starting') return [info('Gateway starting…')];
  if (state.gateway === 'unreachable') return [info('Gateway not responding')];
  if (!state.summary) return [info('Spend summary unavailable')];
  const { today, burn, budgets, breakers, paused } = state.summary;
  const items = [info(`Today: ${formatUsd(today.costUsd)} · ${today.requests} ${today.requests === 1 ? 'request' : 'requests'}`)];
  if (burn.usdPerHour > 0) {
    items.push(info(`Burn: ${formatUsd(burn.usdPerHour)}/h · month ≈ ${formatUsd(burn.projectedMonthUsd)}`));
  }
  const tightest = [...budgets].sort((a, b) => budgetShare(b) - budgetShare(a)).slice(0, MAX_BUDGET_LINES);
  for (const budget of tightest) items.push(info(budgetLine(budget)));
  const down = breakers.filter((breaker) => breaker.state === 'open').map((breaker) => breaker.account);
  if (down.length > 0) items.push(info(`Provider down: ${down.join(', ')}`));
  if (paused) items.push(info('Routing paused: requests are refused'));
  return items;
}

function profileItems(state: TrayState, running: boolean): TrayMenuItem[] {
  const profile = state.profile;
  if (!profile || profile.profiles.length === 0) return [{ type: 'normal', label: 'No routing profiles', enabled: false }];
  const choices: Array<{ label: string; name: string | null }> = [
    { label: 'Default routes', name: null },
    ...profile.profiles.map((name) => ({ label: name, name })),
  ];
  return [
    { type: 'normal', label: 'Routing profile', enabled: false },
    ...choices.map(({ label, name }): TrayMenuItem => ({
      type: 'radio',
      label,
      checked: profile.active === name,
      enabled: running,
      action: { kind: 'switch-profile', name },
    })),
  ];
}

function budgetShare(budget: BudgetStatus): number {
  if (!(budget.limitUsd > 0)) return 0;
  return budget.spentUsd / budget.limitUsd;
}

function budgetLine(budget: BudgetStatus): string {
  const percent = Math.round(budgetShare(budget) * 100);
  return `Budget ${budget.scope} ${budget.name}: ${formatUsd(budget.spentUsd)} of ${formatUsd(budget.limitUsd)} ${budget.period === 'total' ? 'in total' : `per ${budget.period}`} (${percent}%)`;
}
