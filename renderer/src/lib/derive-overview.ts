// Builds what the Overview needs from the endpoints every gateway serves (contract §4:
// /api/spend and /api/requests) when a gateway lacks /api/summary or /api/timeseries.
// Also normalises request records, whose status and time some gateways send as numbers.
import type { Bucket, RequestRecord, SeriesDimension, SpendRow, Summary, TimeseriesPoint } from './api-types';
import { floorToBucket } from './timeseries';

/** A request as a gateway may send it: HTTP status and epoch-millisecond times are accepted. */
export type RawRequestRecord = Omit<RequestRecord, 'status' | 'startedAt' | 'attempts'> & {
  status: number | string;
  startedAt: number | string;
  attempts?: Array<{ target: string; status: number | string | null; latencyMs: number; error?: string | null }>;
};

export function normalizeRequest(raw: RawRequestRecord): RequestRecord {
  const httpStatus = typeof raw.status === 'number' ? raw.status : null;
  const status = httpStatus !== null ? (httpStatus >= 200 && httpStatus < 300 ? 'ok' : 'error') : raw.status === 'ok' ? 'ok' : 'error';
  return {
    ...raw,
    status,
    httpStatus: httpStatus ?? undefined,
    startedAt: typeof raw.startedAt === 'number' ? new Date(raw.startedAt).toISOString() : raw.startedAt,
    inputTokens: raw.inputTokens ?? null,
    outputTokens: raw.outputTokens ?? null,
    cachedTokens: raw.cachedTokens ?? null,
    attempts: (raw.attempts ?? []).map((a) => ({ target: a.target, status: a.status ?? 'no answer', latencyMs: a.latencyMs, error: a.error ?? null })),
  };
}

export interface SpendWindows {
  /** Spend rows since local midnight. */
  today: SpendRow[];
  /** Spend rows since the first of this month, local time. */
  month: SpendRow[];
  /** Spend rows over the last 60 minutes. */
  lastHour: SpendRow[];
}

/** The local-time window starts the three spend queries need. */
export function spendWindowStarts(now: Date): { today: Date; month: Date; lastHour: Date } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const month = new Date(now.getFullYear(), now.getMonth(), 1);
  return { today, month, lastHour: new Date(now.getTime() - 3_600_000) };
}

/**
 * Today's and the month's totals, the last hour's burn, and projections at that pace. Budgets and
 * breakers can't be known from spend alone, so `derived` tells the view to say so.
 */
export function deriveSummary(windows: SpendWindows, now: Date): Summary & { derived: true } {
  const sum = (rows: SpendRow[], pick: (r: SpendRow) => number) => rows.reduce((total, r) => total + (pick(r) || 0), 0);
  const todayCost = sum(windows.today, (r) => r.costUsd ?? 0);
  const monthCost = sum(windows.month, (r) => r.costUsd ?? 0);
  const usdPerHour = sum(windows.lastHour, (r) => r.costUsd ?? 0);
  const starts = spendWindowStarts(now);
  const endOfDay = new Date(starts.today.getFullYear(), starts.today.getMonth(), starts.today.getDate() + 1);
  const endOfMonth = new Date(starts.month.getFullYear(), starts.month.getMonth() + 1, 1);
  const hoursLeftToday = Math.max(0, (endOfDay.getTime() - now.getTime()) / 3_600_000);
  const hoursIntoMonth = Math.max(1, (now.getTime() - starts.month.getTime()) / 3_600_000);
  const hoursLeftMonth = Math.max(0, (endOfMonth.getTime() - now.getTime()) / 3_600_000);
  return {
    today: {
      costUsd: round(todayCost),
      requests: sum(windows.today, (r) => r.requests),
      unknownCostRequests: sum(windows.today, (r) => (r as SpendRow & { unknownCost?: number }).unknownCost ?? 0),
    },
    month: { costUsd: round(monthCost) },
    burn: {
      usdPerHour: round(usdPerHour),
      projectedTodayUsd: round(todayCost + usdPerHour * hoursLeftToday),
      // The month follows the month's average pace, so one busy hour doesn't swing it; but it never
      // reads below what the rest of today alone is projected to add.
      projectedMonthUsd: round(Math.max(monthCost + (monthCost / hoursIntoMonth) * hoursLeftMonth, monthCost + usdPerHour * hoursLeftToday)),
    },
    budgets: [],
    breakers: [],
    paused: false,
    derived: true,
  };
}

/**
 * Per-bucket points from individual requests, with exact p50/p95 (nearest rank). Requests before
 * `from` are ignored; `partial` says the list ran out before reaching `from`.
 */
export function aggregateRequests(
  records: RequestRecord[],
  options: { bucket: Bucket; by: SeriesDimension; from: Date; to: Date; limit: number },
): { points: TimeseriesPoint[]; partial: boolean } {
  const groups = new Map<string, { t: string; key: string; requests: number; errors: number; cost: number; known: number; latencies: number[] }>();
  let oldest = Number.POSITIVE_INFINITY;
  for (const r of records) {
    const at = Date.parse(r.startedAt);
    if (Number.isNaN(at)) continue;
    oldest = Math.min(oldest, at);
    if (at < options.from.getTime() || at > options.to.getTime()) continue;
    const t = floorToBucket(new Date(at), options.bucket).toISOString();
    const key = (options.by === 'client' ? r.client : options.by === 'target' ? r.target : r.model) ?? (options.by === 'client' ? 'anonymous' : 'none');
    const id = `${t}\u0000${key}`;
    const g = groups.get(id) ?? { t, key, requests: 0, errors: 0, cost: 0, known: 0, latencies: [] };
    g.requests += 1;
    if (r.status !== 'ok') g.errors += 1;
    else g.latencies.push(r.latencyMs);
    if (r.costUsd !== null && r.costUsd !== undefined) {
      g.cost += r.costUsd;
      g.known += 1;
    }
    groups.set(id, g);
  }
  const points = [...groups.values()]
    .sort((a, b) => a.t.localeCompare(b.t) || a.key.localeCompare(b.key))
    .map((g) => {
      const sorted = g.latencies.sort((a, b) => a - b);
      return {
        t: g.t,
        key: g.key,
        requests: g.requests,
        errors: g.errors,
        costUsd: g.known > 0 ? round(g.cost) : null,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
      };
    });
  const partial = records.length >= options.limit && oldest > options.from.getTime();
  return { points, partial };
}

/** Nearest-rank percentile of an ascending list; null for an empty one. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
