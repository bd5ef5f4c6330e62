// The dashboard's and tray's one-glance numbers: today, this month, the burn rate and every budget.
//
// Burn rate: usdPerHour is the known spend of the last 60 minutes; usdPerHourSmoothed is the
// average over the last 6 hours. Projections extend the last hour's rate to the end of the (UTC)
// day and month: projectedTodayUsd = spent today + usdPerHour × hours left today, and likewise
// projectedMonthUsd = spent this month + usdPerHour × hours left this month.

import type { Config } from '../config/schema';
import type { Store } from '../store/store';
import type { BudgetScope } from './budget-ledger';
import { windowOf, type BudgetPeriod } from './budget-period';
import { budgetScope, clientScope, globalScope } from './budget-scopes';
import type { SpendControl } from './spend-control';

const HOUR_MS = 3_600_000;
const SMOOTHING_HOURS = 6;

export interface BudgetStatus {
  scope: BudgetScope['kind'];
  name: string;
  limitUsd: number;
  spentUsd: number;
  /** Worst-case cost held by requests in flight. */
  reservedUsd: number;
  period: BudgetPeriod;
  percent: number;
}

export interface Summary {
  today: { costUsd: number; requests: number; unknownCostRequests: number };
  month: { costUsd: number };
  burn: { usdPerHour: number; usdPerHourSmoothed: number; projectedTodayUsd: number; projectedMonthUsd: number };
  budgets: BudgetStatus[];
  breakers: unknown[];
  paused: boolean;
}

export async function buildSummary(store: Store, spend: SpendControl, config: Config, now = Date.now()): Promise<Summary> {
  const day = windowOf('day', now);
  const month = windowOf('month', now);
  const [todayRows, monthUsd, lastHourUsd, smoothedUsd, budgets] = await Promise.all([
    store.spend({ by: 'day', from: day.from, to: day.to }),
    store.spentUsd({ from: month.from, to: month.to }),
    store.spentUsd({ from: now - HOUR_MS, to: now + 1 }),
    store.spentUsd({ from: now - SMOOTHING_HOURS * HOUR_MS, to: now + 1 }),
    budgetStatuses(spend, config, now),
  ]);
  const today = todayRows[0];
  const todayUsd = today?.costUsd ?? 0;
  const usdPerHour = lastHourUsd;
  return {
    today: { costUsd: todayUsd, requests: today?.requests ?? 0, unknownCostRequests: today?.unknownCost ?? 0 },
    month: { costUsd: monthUsd },
    burn: {
      usdPerHour,
      usdPerHourSmoothed: smoothedUsd / SMOOTHING_HOURS,
      projectedTodayUsd: todayUsd + (usdPerHour * (day.to - now)) / HOUR_MS,
      projectedMonthUsd: monthUsd + (usdPerHour * (month.to - now)) / HOUR_MS,
    },
    budgets,
    breakers: [],
    paused: false,
  };
}

/** The global budget, each provider's, then each client's, with spend in the current period. */
export async function budgetStatuses(spend: SpendControl, config: Config, now = Date.now()): Promise<BudgetStatus[]> {
  const scopes: BudgetScope[] = [];
  const global = globalScope(config);
  if (global) scopes.push(global);
  for (const p of config.providers) if (p.budget) scopes.push(budgetScope('provider', p.id, p.budget));
  for (const client of spend.clients.byName.values()) {
    const scope = clientScope(client);
    if (scope) scopes.push(scope);
  }
  return Promise.all(scopes.map(async (scope) => {
    const usage = await spend.ledger.usage(scope, now);
    return {
      scope: scope.kind,
      name: scope.name,
      limitUsd: scope.limitUsd,
      spentUsd: usage.spentUsd,
      reservedUsd: usage.reservedUsd,
      period: scope.period,
      percent: scope.limitUsd > 0 ? Math.round((usage.spentUsd / scope.limitUsd) * 1000) / 10 : 100,
    };
  }));
}
