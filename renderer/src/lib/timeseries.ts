// Shapes /api/timeseries points into what the charts draw: one row per bucket, one column per series.
import type { Bucket, TimeseriesPoint } from './api-types';

export const OTHER_SERIES = 'Other';

export interface StackedSeries {
  /** Series names, largest total first; OTHER_SERIES last when present. */
  keys: string[];
  /** One row per bucket: `t` (ISO bucket start) plus a number per key (0 where nothing happened). */
  rows: Array<{ t: string } & Record<string, number | string>>;
  totals: Record<string, number>;
}

export interface LatencyRow {
  t: string;
  requests: number;
  errors: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

const HOUR_MS = 3_600_000;

/** The provider part of a `<provider>/<model>` target; a bare name is its own group. */
export function providerOf(target: string): string {
  const slash = target.indexOf('/');
  return slash > 0 ? target.slice(0, slash) : target;
}

/** Every bucket start from `from` up to `to`, so quiet hours show as zero instead of vanishing. */
export function listBucketStarts(from: Date, to: Date, bucket: Bucket): string[] {
  const starts: string[] = [];
  const cursor = floorToBucket(from, bucket);
  // Guard against absurd ranges: a chart never needs more than ~400 buckets.
  for (let i = 0; cursor.getTime() <= to.getTime() && i < 400; i++) {
    starts.push(cursor.toISOString());
    if (bucket === 'hour') cursor.setTime(cursor.getTime() + HOUR_MS);
    else cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return starts;
}

/** Start of the UTC hour or UTC day: the gateway buckets its series in UTC, so we must too. */
export function floorToBucket(at: Date, bucket: Bucket): Date {
  const out = new Date(at.getTime());
  if (bucket === 'hour') out.setUTCMinutes(0, 0, 0);
  else out.setUTCHours(0, 0, 0, 0);
  return out;
}

/**
 * Cost per bucket stacked by series. `group` maps a point's key to its series (e.g. target →
 * provider); keys past the `top` largest fold into "Other" so the legend stays readable.
 */
export function stackCostSeries(
  points: TimeseriesPoint[],
  options: { buckets?: string[]; group?: (key: string) => string; top?: number } = {},
): StackedSeries {
  const group = options.group ?? ((key: string) => key);
  const top = options.top ?? 6;
  const byBucket = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const point of points) {
    const series = group(point.key || 'unknown');
    const cost = point.costUsd ?? 0;
    const t = normalizeIso(point.t);
    const bucket = byBucket.get(t) ?? new Map<string, number>();
    bucket.set(series, (bucket.get(series) ?? 0) + cost);
    byBucket.set(t, bucket);
    totals.set(series, (totals.get(series) ?? 0) + cost);
  }
  // A series that cost nothing (failures, unpriced models) has nothing to stack.
  const ranked = [...totals.entries()]
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key]) => key);
  const kept = ranked.length > top ? ranked.slice(0, top - 1) : ranked;
  const folded = new Set(ranked.slice(kept.length));
  const keys = folded.size > 0 ? [...kept, OTHER_SERIES] : kept;

  const bucketStarts = mergeBuckets(options.buckets ?? [], [...byBucket.keys()]);
  const rows = bucketStarts.map((t) => {
    const row: { t: string } & Record<string, number | string> = { t };
    for (const key of keys) row[key] = 0;
    for (const [series, cost] of byBucket.get(t) ?? []) {
      if (!kept.includes(series) && !folded.has(series)) continue;
      const column = folded.has(series) ? OTHER_SERIES : series;
      row[column] = roundCost((row[column] as number) + cost);
    }
    return row;
  });
  const totalsOut: Record<string, number> = {};
  for (const key of keys) totalsOut[key] = 0;
  for (const [series, cost] of totals) {
    if (!kept.includes(series) && !folded.has(series)) continue;
    const column = folded.has(series) ? OTHER_SERIES : series;
    totalsOut[column] = roundCost(totalsOut[column] + cost);
  }
  return { keys, rows, totals: totalsOut };
}

/**
 * Latency and error rate per bucket across all series. Percentiles of different series can't be
 * merged exactly, so each bucket's p50/p95 is the request-weighted mean of its series' values:
 * exact when one series carries the bucket, a close estimate otherwise.
 */
export function summarizeLatency(points: TimeseriesPoint[], buckets: string[] = []): LatencyRow[] {
  const acc = new Map<string, { requests: number; errors: number; p50: number; p95: number; weight: number }>();
  for (const point of points) {
    const t = normalizeIso(point.t);
    const row = acc.get(t) ?? { requests: 0, errors: 0, p50: 0, p95: 0, weight: 0 };
    row.requests += point.requests;
    row.errors += point.errors;
    if (point.p50Ms !== null && point.p95Ms !== null && point.requests > 0) {
      row.p50 += point.p50Ms * point.requests;
      row.p95 += point.p95Ms * point.requests;
      row.weight += point.requests;
    }
    acc.set(t, row);
  }
  return mergeBuckets(buckets, [...acc.keys()]).map((t) => {
    const row = acc.get(t);
    if (!row) return { t, requests: 0, errors: 0, errorRate: null, p50Ms: null, p95Ms: null };
    return {
      t,
      requests: row.requests,
      errors: row.errors,
      errorRate: row.requests > 0 ? row.errors / row.requests : null,
      p50Ms: row.weight > 0 ? Math.round(row.p50 / row.weight) : null,
      p95Ms: row.weight > 0 ? Math.round(row.p95 / row.weight) : null,
    };
  });
}

function mergeBuckets(expected: string[], seen: string[]): string[] {
  const all = new Set(expected.map(normalizeIso));
  for (const t of seen) all.add(t);
  return [...all].sort((a, b) => Date.parse(a) - Date.parse(b));
}

// Servers may send "2026-11-24T10:00:00Z" or with milliseconds; compare on one spelling.
function normalizeIso(t: string): string {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
}

function roundCost(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
