// Daily rollups: one row per (UTC day, client, target, model) with the sums the dashboard and the
// budgets read, and a latency sketch, so raw request rows can be pruned without losing history.
// Both stores feed raw rows through `RollupBuilder` and read through `splitRange`, so the math is one.

import type { RequestRecord } from './store';

export const DAY_MS = 86_400_000;
/** A day is rolled up this long after it ends, so requests still in flight at midnight are in it. */
export const ROLLUP_GRACE_MS = 3_600_000;
/** Log-scale latency buckets: each is 2% wider than the last, so a percentile read from merged
 *  sketches is within 1% of an exact value from the same requests. */
const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);

export interface RollupRow {
  day: number;
  client: string | null;
  target: string | null;
  model: string;
  requests: number;
  errors: number;
  costUsd: number;
  /** Answered requests without a known cost. */
  unknownCost: number;
  inputTokens: number;
  outputTokens: number;
  latencyMsSum: number;
  /** Bucket index → count (see `sketchBucket`). */
  latency: Record<string, number>;
}

export type RawRollupInput = Pick<RequestRecord, 'startedAt' | 'client' | 'target' | 'model' | 'status' | 'costUsd' | 'inputTokens' | 'outputTokens' | 'latencyMs'>;

/** Bucket 0 holds latencies under 1 ms; bucket i ≥ 1 holds [γ^(i-1), γ^i). */
export function sketchBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.floor(Math.log(ms) / LOG_GAMMA) + 1;
}

/** The value a bucket stands for: its geometric middle (0 for the sub-millisecond bucket). */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 0;
  return Math.pow(GAMMA, bucket - 0.5);
}

export function mergeSketch(into: Record<string, number>, from: Record<string, number>): void {
  for (const [bucket, count] of Object.entries(from)) into[bucket] = (into[bucket] ?? 0) + count;
}

/** Nearest-rank percentile of a sketch, the same rank rule as the exact raw-row query. */
export function sketchPercentile(sketch: Record<string, number>, p: number): number | null {
  const buckets = Object.entries(sketch).map(([b, c]) => [Number(b), c] as const).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return Math.round(bucketValue(bucket) * 100) / 100;
  }
  return null;
}

/** Groups raw rows into rollup rows; feed rows of whole days only. */
export class RollupBuilder {
  private readonly rows = new Map<string, RollupRow>();

  add(row: RawRollupInput): void {
    const day = Math.floor(row.startedAt / DAY_MS) * DAY_MS;
    const key = `${day}\u0000${row.client ?? '\u0001'}\u0000${row.target ?? '\u0001'}\u0000${row.model}`;
    let out = this.rows.get(key);
    if (!out) {
      out = { day, client: row.client, target: row.target, model: row.model, requests: 0, errors: 0, costUsd: 0, unknownCost: 0, inputTokens: 0, outputTokens: 0, latencyMsSum: 0, latency: {} };
      this.rows.set(key, out);
    }
    out.requests++;
    if (row.status < 200 || row.status > 299) out.errors++;
    if (row.costUsd !== null) out.costUsd += row.costUsd;
    else if (row.target !== null) out.unknownCost++;
    out.inputTokens += row.inputTokens ?? 0;
    out.outputTokens += row.outputTokens ?? 0;
    out.latencyMsSum += row.latencyMs;
    const bucket = sketchBucket(row.latencyMs);
    out.latency[bucket] = (out.latency[bucket] ?? 0) + 1;
  }

  result(): RollupRow[] {
    return [...this.rows.values()];
  }
}

/** How far the rollups and the pruning have got: both are UTC day boundaries (0 = not yet). */
export interface RollupMarks {
  /** Every day before this one is rolled up. */
  rolledBefore: number;
  /** Raw rows before this have been deleted; never later than `rolledBefore`. */
  prunedBefore: number;
}

export interface RangeSplit {
  /** Days [fromDay, toDay) read from the rollups; empty when fromDay === toDay. */
  rollupDays: { fromDay: number; toDay: number };
  /** The rest of the range, read from raw rows. */
  raw: Array<{ from: number; to: number }>;
}

/**
 * Splits [from, to) into rolled-up days and raw ranges. A rolled-up day is read from its rollup
 * when it lies wholly inside the range; a day whose raw rows are pruned is read from its rollup
 * when it starts inside the range (its raw rows are gone, so a partial day counts whole).
 */
export function splitRange(from: number, to: number, marks: RollupMarks): RangeSplit {
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const wholeDaysEnd = Math.min(marks.rolledBefore, Math.floor(to / DAY_MS) * DAY_MS);
  const prunedDaysEnd = Math.min(marks.prunedBefore, Math.ceil(to / DAY_MS) * DAY_MS);
  const endDay = Math.max(wholeDaysEnd, prunedDaysEnd, firstDay);
  if (endDay === firstDay) return { rollupDays: { fromDay: 0, toDay: 0 }, raw: [{ from, to }] };
  const raw: Array<{ from: number; to: number }> = [];
  if (from < firstDay) raw.push({ from, to: firstDay });
  if (endDay < to) raw.push({ from: endDay, to });
  return { rollupDays: { fromDay: firstDay, toDay: endDay }, raw };
}

/** The last day boundary that may be rolled up at `now`. */
export function rollableBefore(now: number): number {
  return Math.floor((now - ROLLUP_GRACE_MS) / DAY_MS) * DAY_MS;
}

/** Raw rows before this boundary may be deleted (whole days, older than `rawDays`, rolled up). */
export function prunableBefore(now: number, rawDays: number, rolledBefore: number): number {
  return Math.min(rolledBefore, Math.floor(now / DAY_MS) * DAY_MS - rawDays * DAY_MS);
}
