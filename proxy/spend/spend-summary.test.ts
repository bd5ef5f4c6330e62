// Burn rate, projections and time-series buckets from a real SQLite request log at fixed times.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../config/schema';
import { createLogger } from '../server/logger';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import type { RequestRecord } from '../store/store';
import { SpendControl } from './spend-control';
import { buildSummary } from './spend-summary';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-06-10T18:00:00Z'); // 6 hours left in the day; June has 30 days
const quiet = createLogger({ write: () => true } as unknown as NodeJS.WritableStream);

function row(startedAt: number, costUsd: number | null, extra: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: `req_${Math.random().toString(16).slice(2)}`, startedAt, client: 'ci', model: 'smart', target: 'alpha/m', format: 'openai-chat', stream: false,
    status: 200, inputTokens: 1, outputTokens: 1, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, costUsd, latencyMs: 100, overheadMs: 1,
    ttfbMs: null, error: null, attempts: [], ...extra,
  };
}

function setup(rows: RequestRecord[]) {
  const store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'switchyard-summary-')) });
  for (const r of rows) store.recordRequest(r);
  const config = configSchema.parse({ budget: { usd: 100, period: 'month' } });
  return { store, config, spend: new SpendControl({ store, log: quiet, now: () => NOW }, config) };
}

test('summary: today, month, burn rate over the last hour and the last six, projections to day and month end', async () => {
  const { store, config, spend } = setup([
    row(NOW - 10 * 60_000, 0.5), // last hour
    row(NOW - 50 * 60_000, 0.25), // last hour
    row(NOW - 3 * HOUR, 1.5), // last 6 hours
    row(NOW - 12 * HOUR, 2), // today, earlier
    row(NOW - 5 * 24 * HOUR, 4), // this month
    row(Date.parse('2026-05-31T23:00:00Z'), 100), // last month
    row(NOW - 20 * 60_000, null), // answered, cost unknown
    row(NOW - 20 * 60_000, null, { target: null, status: 402 }), // refused: costs nothing
  ]);
  const s = await buildSummary(store, spend, config, NOW);
  assert.deepEqual(s.today, { costUsd: 4.25, requests: 6, unknownCostRequests: 1 });
  assert.equal(s.month.costUsd, 8.25);
  assert.equal(s.burn.usdPerHour, 0.75);
  assert.equal(s.burn.usdPerHourSmoothed, (0.75 + 1.5) / 6);
  assert.equal(s.burn.projectedTodayUsd, 4.25 + 0.75 * 6);
  assert.equal(s.burn.projectedMonthUsd, 8.25 + 0.75 * (20 * 24 + 6));
  assert.deepEqual(s.budgets, [{ scope: 'global', name: '*', limitUsd: 100, spentUsd: 8.25, reservedUsd: 0, period: 'month', percent: 8.3 }]);
  assert.deepEqual([s.breakers, s.paused], [[], false]);
});

test('time series: hour buckets per key with errors, cost and nearest-rank p50/p95 latency', async () => {
  const hour = Math.floor(NOW / HOUR) * HOUR;
  const latencies = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11];
  const { store } = setup([
    ...latencies.map((latencyMs, i) => row(hour + i * 1000, 0.01, { latencyMs, status: i === 0 ? 502 : 200 })),
    row(hour - HOUR + 5, 0.5, { target: 'beta/n', latencyMs: 42 }),
  ]);
  const points = await store.timeseries({ bucket: 'hour', from: hour - HOUR, to: hour + HOUR, by: 'target' });
  assert.deepEqual(points.map((p) => ({ ...p, costUsd: Math.round(p.costUsd * 1e9) / 1e9 })), [
    { t: hour - HOUR, key: 'beta/n', requests: 1, errors: 0, costUsd: 0.5, p50Ms: 42, p95Ms: 42 },
    { t: hour, key: 'alpha/m', requests: 20, errors: 1, costUsd: 0.2, p50Ms: 10, p95Ms: 19 },
  ]);
  const all = await store.timeseries({ bucket: 'day', from: hour - HOUR, to: hour + HOUR });
  assert.deepEqual(all.map((p) => [p.t, p.key, p.requests]), [[Date.parse('2026-06-10T00:00:00Z'), 'all', 21]]);
});

const configRows = [
  { name: 'an unreadable expiry', input: { clients: [{ name: 'a', key: 'sy-a-01234567', expiresAt: 'next tuesday' }] }, expected: /clients\.0\.expiresAt|expiresAt/ },
  { name: 'a negative budget', input: { budget: { usd: -1 } }, expected: /usd/ },
  { name: 'an unknown period', input: { providers: [{ id: 'p', kind: 'openai', budget: { usd: 1, period: 'week' } }] }, expected: /period/ },
  { name: 'a fractional rate limit', input: { clients: [{ name: 'a', key: 'sy-a-01234567', rateLimit: { rpm: 1.5 } }] }, expected: /rpm/ },
  { name: 'an unknown rate-limit field', input: { clients: [{ name: 'a', key: 'sy-a-01234567', rateLimit: { rps: 1 } }] }, expected: /rps|Unrecognized/ },
];
for (const r of configRows) {
  test(`config refuses ${r.name}`, () => {
    const parsed = configSchema.safeParse(r.input);
    assert.equal(parsed.success, false);
    const issue = parsed.error!.issues[0]!;
    assert.match([...issue.path, issue.message, 'keys' in issue ? String(issue.keys) : ''].join(' '), r.expected);
  });
}

test('config: budget alerts default to 50, 80 and 100%', () => {
  const parsed = configSchema.parse({ budget: { usd: 1 } });
  assert.deepEqual(parsed.budget, { usd: 1, period: 'day', alerts: [50, 80, 100] });
});
