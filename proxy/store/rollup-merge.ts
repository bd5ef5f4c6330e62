// Combines what raw request rows and daily rollups answer for one query into one result.

import type { SpendGrouping, SpendRow, TimeseriesPoint } from './store';
import { mergeSketch, sketchPercentile } from './daily-rollup';

export function mergeSpendRows(parts: SpendRow[][], by: SpendGrouping): SpendRow[] {
  const byKey = new Map<string, SpendRow>();
  for (const rows of parts) {
    for (const row of rows) {
      const seen = byKey.get(row.key);
      if (!seen) byKey.set(row.key, { ...row });
      else {
        seen.requests += row.requests;
        seen.costUsd += row.costUsd;
        seen.inputTokens += row.inputTokens;
        seen.outputTokens += row.outputTokens;
        seen.unknownCost += row.unknownCost;
      }
    }
  }
  const rows = [...byKey.values()];
  if (by === 'day' || by === 'hour') rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  else rows.sort((a, b) => b.costUsd - a.costUsd);
  return rows;
}

export interface RollupSeriesRow {
  t: number;
  key: string;
  requests: number;
  errors: number;
  costUsd: number;
  sketch: Record<string, number>;
}

/** Daily points from rollup rows (several per day and key), percentiles read off merged sketches. */
export function rollupPoints(rows: Iterable<RollupSeriesRow>): TimeseriesPoint[] {
  const merged = new Map<string, RollupSeriesRow>();
  for (const row of rows) {
    const id = `${row.t}\u0000${row.key}`;
    const seen = merged.get(id);
    if (!seen) merged.set(id, { ...row, sketch: { ...row.sketch } });
    else {
      seen.requests += row.requests;
      seen.errors += row.errors;
      seen.costUsd += row.costUsd;
      mergeSketch(seen.sketch, row.sketch);
    }
  }
  return [...merged.values()].map((r) => ({
    t: r.t, key: r.key, requests: r.requests, errors: r.errors, costUsd: r.costUsd,
    p50Ms: sketchPercentile(r.sketch, 0.5), p95Ms: sketchPercentile(r.sketch, 0.95),
  }));
}

export function sortPoints(points: TimeseriesPoint[]): TimeseriesPoint[] {
  return points.sort((a, b) => a.t - b.t || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
