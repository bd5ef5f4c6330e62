// Shapes of the gateway's admin API answers that the desktop shell reads (see CONTRACT.md §4).

export interface ProfileState {
  active: string | null;
  profiles: string[];
}

export interface BudgetStatus {
  scope: string;
  name: string;
  limitUsd: number;
  spentUsd: number;
  period: string;
}

export interface BreakerStatus {
  account: string;
  provider?: string;
  state: 'closed' | 'open' | 'half_open';
}

export interface GatewaySummary {
  today: { costUsd: number; requests: number };
  burn: { usdPerHour: number; projectedTodayUsd: number; projectedMonthUsd: number };
  budgets: BudgetStatus[];
  breakers: BreakerStatus[];
  paused: boolean;
}

export interface GatewayEvent {
  id: string;
  /** budget_threshold, budget_exceeded, breaker_open, … (kinds the tray does not know are ignored). */
  kind: string;
  message: string;
  at: string;
}
