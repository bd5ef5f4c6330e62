// The Overview's fallback for gateways without /api/summary or /api/timeseries, and the request
// normalisation that lets the dashboard read numeric statuses and epoch times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestRecord, SpendRow } from '../renderer/src/lib/api-types';
import { aggregateRequests, deriveSummary, normalizeRequest, percentile, spendWindowStarts, type RawRequestRecord } from '../renderer/src/lib/derive-overview';

function raw(overrides: Partial<RawRequestRecord> = {}): RawRequestRecord {
  return {
    id: 'req_1', client: 'ci', model: 'smart', target: 'alpha/m-large', status: 200, inputTokens: 10, outputTokens: 5, cachedTokens: null,
    costUsd: 0.01, latencyMs: 100, overheadMs: 2, startedAt: Date.UTC(2026, 10, 24, 10, 30), attempts: [{ target: 'alpha/m-large', status: 200, latencyMs: 98, error: null }],
    ...overrides,
  };
}

test('normalizeRequest: HTTP statuses and epoch times become the dashboard’s shape', () => {
  const rows: Array<{ name: string; input: RawRequestRecord; status: string; httpStatus?: number }> = [
    { name: '200 is ok', input: raw(), status: 'ok', httpStatus: 200 },
    { name: '299 is ok', input: raw({ status: 299 }), status: 'ok', httpStatus: 299 },
    { name: '402 is an error', input: raw({ status: 402 }), status: 'error', httpStatus: 402 },
    { name: '502 is an error', input: raw({ status: 502 }), status: 'error', httpStatus: 502 },
    { name: '"ok" stays ok', input: raw({ status: 'ok' }), status: 'ok' },
    { name: '"error" stays error', input: raw({ status: 'error' }), status: 'error' },
  ];
  for (const row of rows) {
    const out = normalizeRequest(row.input);
    assert.equal(out.status, row.status, row.name);
    assert.equal(out.httpStatus, row.httpStatus, row.name);
  }
  const out = normalizeRequest(raw({ attempts: [{ target: 'dead/x', status: null, latencyMs: 5, error: 'upstream_error' }] }));
  assert.equal(out.startedAt, '2026-11-24T10:30:00.000Z');
  assert.equal(out.cachedTokens, null, 'unknown usage stays unknown');
  assert.deepEqual(out.attempts, [{ target: 'dead/x', status: 'no answer', latencyMs: 5, error: 'upstream_error' }]);
  assert.equal(normalizeRequest(raw({ startedAt: '2026-11-24T10:30:00Z' })).startedAt, '2026-11-24T10:30:00Z');
  assert.deepEqual(normalizeRequest({ ...raw(), attempts: undefined }).attempts, []);
});

test('percentile: nearest rank', () => {
  const rows = [
    { input: [] as number[], p: 0.5, expected: null },
    { input: [7], p: 0.95, expected: 7 },
    { input: [1, 2, 3, 4], p: 0.5, expected: 2 },
    { input: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.95, expected: 10 },
    { input: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.5, expected: 5 },
  ];
  for (const row of rows) assert.equal(percentile(row.input, row.p), row.expected, JSON.stringify(row));
});

test('spendWindowStarts: local midnight, first of the month, an hour ago', () => {
  const now = new Date(2026, 10, 24, 15, 45);
  const starts = spendWindowStarts(now);
  assert.deepEqual([starts.today.getDate(), starts.today.getHours()], [24, 0]);
  assert.deepEqual([starts.month.getDate(), starts.month.getMonth()], [1, 10]);
  assert.equal(now.getTime() - starts.lastHour.getTime(), 3_600_000);
});

test('deriveSummary: totals, burn from the last hour, projections at that pace', () => {
  const row = (costUsd: number, requests: number, unknownCost = 0): SpendRow => ({ key: 'm', requests, costUsd, unknownCost } as SpendRow);
  const now = new Date(2026, 10, 11, 12, 0); // noon on the 11th: 12 h left today, 252 h into the month
  const s = deriveSummary({ today: [row(3, 10, 2), row(1, 5)], month: [row(24, 100)], lastHour: [row(0.5, 2)] }, now);
  assert.equal(s.derived, true);
  assert.deepEqual(s.today, { costUsd: 4, requests: 15, unknownCostRequests: 2 });
  assert.equal(s.month.costUsd, 24);
  assert.equal(s.burn.usdPerHour, 0.5);
  assert.equal(s.burn.projectedTodayUsd, 4 + 0.5 * 12);
  const hoursLeft = (new Date(2026, 11, 1).getTime() - now.getTime()) / 3_600_000;
  assert.ok(Math.abs(s.burn.projectedMonthUsd - (24 + (24 / 252) * hoursLeft)) < 1e-6);
  assert.deepEqual(s.budgets, []);
});

test('deriveSummary: the month is never projected below the rest of today at the current rate', () => {
  const row = (costUsd: number): SpendRow => ({ key: 'm', requests: 1, costUsd, unknownCost: 0 } as SpendRow);
  const now = new Date(2026, 10, 24, 4, 0); // first traffic of the month, in the last hour
  const s = deriveSummary({ today: [row(0.05)], month: [row(0.05)], lastHour: [row(0.05)] }, now);
  assert.ok(s.burn.projectedMonthUsd >= s.burn.projectedTodayUsd - 1e-9, `${s.burn.projectedMonthUsd} < ${s.burn.projectedTodayUsd}`);
});

test('deriveSummary: no traffic is all zeros', () => {
  const s = deriveSummary({ today: [], month: [], lastHour: [] }, new Date(2026, 10, 1, 0, 10));
  assert.deepEqual([s.today.costUsd, s.month.costUsd, s.burn.usdPerHour, s.burn.projectedMonthUsd], [0, 0, 0, 0]);
});

test('aggregateRequests: per bucket and key, errors counted, latency only from successes', () => {
  const at = (h: number, m: number) => new Date(Date.UTC(2026, 10, 24, h, m)).toISOString();
  const rec = (o: Partial<RequestRecord>): RequestRecord => ({ ...normalizeRequest(raw()), ...o });
  const records = [
    rec({ startedAt: at(10, 5), model: 'smart', latencyMs: 100, costUsd: 0.01 }),
    rec({ startedAt: at(10, 15), model: 'smart', latencyMs: 300, costUsd: 0.02 }),
    rec({ startedAt: at(10, 20), model: 'smart', status: 'error', latencyMs: 5000, costUsd: null }),
    rec({ startedAt: at(11, 0), model: 'fast', latencyMs: 50, costUsd: null }),
    rec({ startedAt: at(8, 0), model: 'smart' }),
  ];
  const { points, partial } = aggregateRequests(records, { bucket: 'hour', by: 'model', from: new Date(Date.UTC(2026, 10, 24, 9)), to: new Date(Date.UTC(2026, 10, 24, 12)), limit: 1000 });
  assert.equal(partial, false);
  assert.deepEqual(points, [
    { t: '2026-11-24T10:00:00.000Z', key: 'smart', requests: 3, errors: 1, costUsd: 0.03, p50Ms: 100, p95Ms: 300 },
    { t: '2026-11-24T11:00:00.000Z', key: 'fast', requests: 1, errors: 0, costUsd: null, p50Ms: 50, p95Ms: 50 },
  ]);
});

test('aggregateRequests: grouping by client names anonymous traffic; partial when the log runs out early', () => {
  const records = [normalizeRequest(raw({ client: null, startedAt: Date.UTC(2026, 10, 24, 10) }))];
  const { points, partial } = aggregateRequests(records, { bucket: 'hour', by: 'client', from: new Date(Date.UTC(2026, 10, 24, 0)), to: new Date(Date.UTC(2026, 10, 25)), limit: 1 });
  assert.equal(points[0].key, 'anonymous');
  assert.equal(partial, true);
});
