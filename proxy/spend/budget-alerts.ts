// Budget events the dashboard and tray show: a threshold crossed (once per period and threshold),
// a budget refusing requests, a target whose price is unknown while a budget applies.

import type { NewEvent } from '../store/store';
import type { BudgetScope, ScopeSettlement } from './budget-ledger';
import { describeScope } from './budget-scopes';

const EPSILON = 1e-9;

export function thresholdEvents(settlements: readonly ScopeSettlement[], at: number): NewEvent[] {
  const events: NewEvent[] = [];
  for (const { scope, windowKey, beforeUsd, afterUsd } of settlements) {
    if (!scope.alerts || scope.limitUsd <= 0 || afterUsd <= beforeUsd) continue;
    for (const percent of scope.alerts) {
      const threshold = (scope.limitUsd * percent) / 100;
      if (beforeUsd < threshold - EPSILON && afterUsd >= threshold - EPSILON) {
        events.push({
          kind: 'budget_threshold',
          scope: scope.kind,
          name: scope.name,
          percent,
          message: `${percent}% of the ${describeScope(scope)} is spent: $${afterUsd.toFixed(4)} in ${windowKey}`,
          at,
          dedupeKey: `budget_threshold|${scope.kind}|${scope.name}|${scope.period}|${windowKey}|${percent}`,
        });
      }
    }
  }
  return events;
}

export function exceededEvent(scope: BudgetScope, windowKey: string, spentUsd: number, at: number): NewEvent {
  return {
    kind: 'budget_exceeded',
    scope: scope.kind,
    name: scope.name,
    percent: scope.limitUsd > 0 ? Math.round((spentUsd / scope.limitUsd) * 1000) / 10 : 100,
    message: `the ${describeScope(scope)} is refusing requests: $${spentUsd.toFixed(4)} spent in ${windowKey}`,
    at,
    dedupeKey: `budget_exceeded|${scope.kind}|${scope.name}|${scope.period}|${windowKey}`,
  };
}

export function priceUnknownEvent(targetRef: string, windowKey: string, at: number): NewEvent {
  return {
    kind: 'price_unknown',
    scope: 'target',
    name: targetRef,
    percent: null,
    message: `no price is known for ${targetRef}, so budgets cannot hold its cost; add one under "prices"`,
    at,
    dedupeKey: `price_unknown|${targetRef}|${windowKey}`,
  };
}
