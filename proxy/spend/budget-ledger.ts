// The budget ledger contract: spend and outstanding reservations per scope and period window.
// The in-process ledger (memory-budget-ledger.ts) serves one gateway; a shared store (e.g. Redis)
// can implement the same contract for several gateways in team mode.

import type { BudgetPeriod } from './budget-period';

export type BudgetScopeKind = 'client' | 'global' | 'provider';

export interface BudgetScope {
  kind: BudgetScopeKind;
  /** Client name, provider id, or `*` for the global budget. */
  name: string;
  limitUsd: number;
  period: BudgetPeriod;
  /** Percentages of the limit whose crossing is reported by `settle`. */
  alerts?: number[];
}

export interface BudgetCharge {
  scope: BudgetScope;
  usd: number;
}

/** What `reserve` holds; pass it back to `settle` or `release` exactly once. */
export interface BudgetHold {
  readonly charges: ReadonlyArray<BudgetCharge & { windowKey: string }>;
}

export type ReserveResult =
  | { ok: true; hold: BudgetHold }
  | { ok: false; scope: BudgetScope; spentUsd: number; reservedUsd: number; requestedUsd: number };

export interface ScopeSettlement {
  scope: BudgetScope;
  windowKey: string;
  beforeUsd: number;
  afterUsd: number;
}

export interface ScopeUsage {
  spentUsd: number;
  reservedUsd: number;
  windowKey: string;
}

export interface BudgetLedger {
  /**
   * Reserves every charge or none, atomically with respect to other reservations. A scope admits
   * a charge when spent + reserved + charge ≤ limit, or — while nothing else is outstanding in it
   * and spent < limit — as the one request allowed to run past the limit (see README "Budgets").
   */
  reserve(charges: BudgetCharge[], at: number): Promise<ReserveResult>;
  /** Turns the hold into real spend: `actualUsd(scope)` replaces each charge. */
  settle(hold: BudgetHold, actualUsd: (scope: BudgetScope) => number): Promise<ScopeSettlement[]>;
  /** Drops the hold without spending (the request reached no upstream). */
  release(hold: BudgetHold): Promise<void>;
  usage(scope: BudgetScope, at: number): Promise<ScopeUsage>;
}

/** Reads what a scope spent in a window from the request log. */
export type SpentLoader = (scope: BudgetScope, from: number, to: number) => Promise<number>;

/** Float slack so a budget of exactly N requests' cost admits the Nth. */
export const USD_EPSILON = 1e-9;

/** The admission rule, shared by every ledger implementation. */
export function admitsCharge(limitUsd: number, spentUsd: number, reservedUsd: number, outstanding: number, usd: number): boolean {
  if (spentUsd >= limitUsd - USD_EPSILON) return false;
  if (spentUsd + reservedUsd + usd <= limitUsd + USD_EPSILON) return true;
  return outstanding === 0;
}

export function scopeKey(scope: Pick<BudgetScope, 'kind' | 'name' | 'period'>): string {
  return `${scope.kind}:${scope.period}:${scope.name}`;
}
