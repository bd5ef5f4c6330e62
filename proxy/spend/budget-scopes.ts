// Which budgets a request answers to: its client's, the global one, and each provider's. Provider
// budgets are indexed once per runtime, so the hot path never scans the config.

import type { BudgetConfig, Config } from '../config/schema';
import type { BudgetScope } from './budget-ledger';
import type { GatewayClient } from './client-directory';

const providerBudgets = new WeakMap<Config, Map<string, BudgetConfig>>();

export function budgetScope(kind: BudgetScope['kind'], name: string, budget: BudgetConfig): BudgetScope {
  return { kind, name, limitUsd: budget.usd, period: budget.period, alerts: budget.alerts };
}

export function clientScope(client: GatewayClient | null): BudgetScope | undefined {
  return client?.budget ? budgetScope('client', client.name, client.budget) : undefined;
}

export function globalScope(config: Config): BudgetScope | undefined {
  return config.budget ? budgetScope('global', '*', config.budget) : undefined;
}

export function providerScope(config: Config, providerId: string): BudgetScope | undefined {
  let index = providerBudgets.get(config);
  if (!index) {
    index = new Map(config.providers.filter((p) => p.budget).map((p) => [p.id, p.budget!]));
    providerBudgets.set(config, index);
  }
  const budget = index.get(providerId);
  return budget ? budgetScope('provider', providerId, budget) : undefined;
}

const PERIOD_WORD: Record<BudgetScope['period'], string> = { day: 'daily', month: 'monthly', total: 'total' };

export function describeScope(scope: BudgetScope): string {
  const who = scope.kind === 'global' ? 'the gateway' : scope.kind === 'client' ? `client "${scope.name}"` : `provider "${scope.name}"`;
  return `${PERIOD_WORD[scope.period]} budget of ${who} ($${scope.limitUsd})`;
}
