// Turns budgets and burn rate into the levels the gauges draw.
import type { BudgetStatus, Summary } from './api-types';

export type Level = 'calm' | 'warn' | 'hot';

export interface BudgetGauge {
  id: string;
  label: string;
  scope: BudgetStatus['scope'];
  period: string;
  limitUsd: number;
  spentUsd: number;
  remainingUsd: number;
  /** Spent over limit, 0..∞ (over 1 means the budget is exceeded). */
  ratio: number;
  level: Level;
}

export function levelFor(ratio: number): Level {
  if (ratio >= 0.9) return 'hot';
  if (ratio >= 0.7) return 'warn';
  return 'calm';
}

/** Gauges most at risk first; a zero limit is treated as fully spent. */
export function buildBudgetGauges(budgets: BudgetStatus[]): BudgetGauge[] {
  return budgets
    .map((b) => {
      const ratio = b.limitUsd > 0 ? b.spentUsd / b.limitUsd : 1;
      return {
        id: `${b.scope}:${b.name}:${b.period}`,
        label: b.scope === 'global' ? 'All traffic' : b.name,
        scope: b.scope,
        period: b.period,
        limitUsd: b.limitUsd,
        spentUsd: b.spentUsd,
        remainingUsd: Math.max(0, b.limitUsd - b.spentUsd),
        ratio,
        level: levelFor(ratio),
      };
    })
    .sort((a, b) => b.ratio - a.ratio || a.label.localeCompare(b.label));
}

export interface BurnMeter {
  usdPerHour: number;
  /** Where the needle sits, 0..1. */
  ratio: number;
  /** What a full meter means, in USD per hour. */
  scaleUsdPerHour: number;
  /** Why the scale is what it is, shown under the meter. */
  scaleLabel: string;
  level: Level;
}

/**
 * The burn-rate meter needs a yardstick. With a global daily budget, full scale is the rate that
 * would spend it in 24 hours; otherwise today's average hourly rate so far, doubled, so a normal
 * day sits mid-dial and a spike pins it.
 */
export function buildBurnMeter(summary: Summary, now: Date): BurnMeter {
  const usdPerHour = Math.max(0, summary.burn.usdPerHour);
  const daily = summary.budgets.find((b) => b.scope === 'global' && b.period === 'day' && b.limitUsd > 0);
  if (daily) {
    const scale = daily.limitUsd / 24;
    const ratio = clamp01(usdPerHour / scale);
    return { usdPerHour, ratio, scaleUsdPerHour: scale, scaleLabel: 'full scale spends the daily budget in 24 h', level: levelFor(ratio) };
  }
  const hoursToday = Math.max(1, now.getHours() + now.getMinutes() / 60);
  const average = summary.today.costUsd / hoursToday;
  const scale = Math.max(average * 2, usdPerHour * 1.25, 0.01);
  const ratio = clamp01(usdPerHour / scale);
  // Without a budget there is no "too much", so the meter informs rather than alarms.
  const multiple = average > 0 ? usdPerHour / average : 0;
  const scaleLabel = multiple >= 1.5 ? `${multiple.toFixed(1)}× today’s average rate` : 'around today’s average rate';
  return { usdPerHour, ratio, scaleUsdPerHour: scale, scaleLabel: usdPerHour === 0 ? 'nothing spent in the last hour' : scaleLabel, level: 'calm' };
}

function clamp01(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(1, value);
}
