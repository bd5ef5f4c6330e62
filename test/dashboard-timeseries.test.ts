// Chart shaping: stacking, folding into "Other", zero-filled buckets and merged latency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimeseriesPoint } from '../renderer/src/lib/api-types';
import { floorToBucket, listBucketStarts, OTHER_SERIES, providerOf, stackCostSeries, summarizeLatency } from '../renderer/src/lib/timeseries';

const T0 = '2026-11-24T10:00:00.000Z';
const T1 = '2026-11-24T11:00:00.000Z';
const T2 = '2026-11-24T12:00:00.000Z';

function point(t: string, key: string, costUsd: number | null, extra: Partial<TimeseriesPoint> = {}): TimeseriesPoint {
  return { t, key, requests: 1, errors: 0, costUsd, p50Ms: 100, p95Ms: 200, ...extra };
}

test('providerOf takes the part before the first slash', () => {
  const rows = [
    { input: 'alpha/m-large', expected: 'alpha' },
    { input: 'openrouter/anthropic/claude', expected: 'openrouter' },
    { input: 'smart', expected: 'smart' },
    { input: '/odd', expected: '/odd' },
  ];
  for (const row of rows) assert.equal(providerOf(row.input), row.expected, row.input);
});

test('stackCostSeries: one row per bucket, one column per key, largest first', () => {
  const out = stackCostSeries([point(T0, 'a', 1), point(T0, 'b', 3), point(T1, 'a', 0.5)]);
  assert.deepEqual(out.keys, ['b', 'a']);
  assert.deepEqual(out.rows, [
    { t: T0, a: 1, b: 3 },
    { t: T1, a: 0.5, b: 0 },
  ]);
  assert.deepEqual(out.totals, { a: 1.5, b: 3 });
});

test('stackCostSeries: quiet buckets are filled with zeros, in time order', () => {
  const out = stackCostSeries([point(T2, 'a', 2)], { buckets: [T0, T1, T2] });
  assert.deepEqual(out.rows.map((r) => [r.t, r.a]), [[T0, 0], [T1, 0], [T2, 2]]);
});

test('stackCostSeries: spellings of the same instant share a bucket', () => {
  const out = stackCostSeries([point('2026-11-24T10:00:00Z', 'a', 1), point(T0, 'a', 2)]);
  assert.equal(out.rows.length, 1);
  assert.equal(out.rows[0].a, 3);
});

test('stackCostSeries: group maps targets to providers', () => {
  const out = stackCostSeries([point(T0, 'alpha/m1', 1), point(T0, 'alpha/m2', 2), point(T0, 'beta/m', 1)], { group: providerOf });
  assert.deepEqual(out.keys, ['alpha', 'beta']);
  assert.equal(out.rows[0].alpha, 3);
});

test('stackCostSeries: keys past the top fold into Other', () => {
  const points = ['a', 'b', 'c', 'd'].map((k, i) => point(T0, k, 10 - i));
  const out = stackCostSeries(points, { top: 3 });
  assert.deepEqual(out.keys, ['a', 'b', OTHER_SERIES]);
  assert.equal(out.rows[0][OTHER_SERIES], 8 + 7);
  assert.equal(out.totals[OTHER_SERIES], 15);
});

test('stackCostSeries: exactly `top` keys are all kept', () => {
  const out = stackCostSeries(['a', 'b', 'c'].map((k) => point(T0, k, 1)), { top: 3 });
  assert.deepEqual(out.keys, ['a', 'b', 'c']);
});

test('stackCostSeries: unknown costs count as nothing rather than breaking the stack', () => {
  const out = stackCostSeries([point(T0, 'a', null), point(T0, 'a', 0.25)]);
  assert.equal(out.rows[0].a, 0.25);
});

test('stackCostSeries: series that cost nothing are left out', () => {
  const out = stackCostSeries([point(T0, 'a', 1), point(T0, 'failing', null), point(T1, 'free', 0)]);
  assert.deepEqual(out.keys, ['a']);
  assert.deepEqual(out.rows, [{ t: T0, a: 1 }, { t: T1, a: 0 }]);
});

test('stackCostSeries: no points, no series', () => {
  assert.deepEqual(stackCostSeries([]), { keys: [], rows: [], totals: {} });
});

test('summarizeLatency: request-weighted percentiles and error rate per bucket', () => {
  const rows = summarizeLatency(
    [
      point(T0, 'a', 0, { requests: 3, errors: 1, p50Ms: 100, p95Ms: 300 }),
      point(T0, 'b', 0, { requests: 1, errors: 0, p50Ms: 500, p95Ms: 700 }),
    ],
    [T0, T1],
  );
  assert.deepEqual(rows, [
    { t: T0, requests: 4, errors: 1, errorRate: 0.25, p50Ms: 200, p95Ms: 400 },
    { t: T1, requests: 0, errors: 0, errorRate: null, p50Ms: null, p95Ms: null },
  ]);
});

test('summarizeLatency: a bucket of only failures has an error rate but no latency', () => {
  const rows = summarizeLatency([point(T0, 'a', 0, { requests: 2, errors: 2, p50Ms: null, p95Ms: null })]);
  assert.equal(rows[0].errorRate, 1);
  assert.equal(rows[0].p50Ms, null);
});

test('listBucketStarts: every hour between two instants, inclusive', () => {
  const from = new Date('2026-11-24T10:25:00Z');
  const to = new Date('2026-11-24T13:05:00Z');
  const starts = listBucketStarts(from, to, 'hour');
  assert.equal(starts.length, 4);
  assert.equal(starts[0], floorToBucket(from, 'hour').toISOString());
  assert.ok(starts.every((s, i) => i === 0 || Date.parse(s) - Date.parse(starts[i - 1]) === 3_600_000));
});

test('listBucketStarts: days start at UTC midnight, like the gateway’s buckets', () => {
  const from = new Date(Date.UTC(2026, 10, 20, 15, 30));
  const to = new Date(Date.UTC(2026, 10, 24, 9, 0));
  const starts = listBucketStarts(from, to, 'day');
  assert.deepEqual(starts, ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'].map((d) => `${d}T00:00:00.000Z`));
});

test('floorToBucket: UTC hour and UTC day', () => {
  const at = new Date('2026-11-24T13:47:12.345Z');
  assert.equal(floorToBucket(at, 'hour').toISOString(), '2026-11-24T13:00:00.000Z');
  assert.equal(floorToBucket(at, 'day').toISOString(), '2026-11-24T00:00:00.000Z');
});

test('listBucketStarts: bounded for absurd ranges', () => {
  const starts = listBucketStarts(new Date(0), new Date('2026-01-01T00:00:00Z'), 'hour');
  assert.equal(starts.length, 400);
});
