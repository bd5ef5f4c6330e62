// Budget periods as time windows. Days and months are UTC, the same calendar `/api/spend?by=day`
// groups by, so a budget and the spend report always agree on what "today" is.

export type BudgetPeriod = 'day' | 'month' | 'total';

export interface PeriodWindow {
  /** Stable id of the window, e.g. `2026-11-24`, `2026-11`, `total`. */
  key: string;
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
}

const DAY_MS = 86_400_000;

export function windowOf(period: BudgetPeriod, at: number): PeriodWindow {
  if (period === 'total') return { key: 'total', from: 0, to: Number.MAX_SAFE_INTEGER };
  const date = new Date(at);
  if (period === 'day') {
    const from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    return { key: new Date(from).toISOString().slice(0, 10), from, to: from + DAY_MS };
  }
  const from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const to = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { key: new Date(from).toISOString().slice(0, 7), from, to };
}
