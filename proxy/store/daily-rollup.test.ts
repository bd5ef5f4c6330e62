import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DAY_MS, RollupBuilder, prunableBefore, rollableBefore, sketchPercentile, splitRange } from './daily-rollup';

const D = (n: number) => Date.UTC(2026, 10, 1) + n * DAY_MS;
const H = 3_600_000;

const splits: Array<{ name: string; input: [number, number, { rolledBefore: number; prunedBefore: number }]; expected: ReturnType<typeof splitRange> }> = [
  { name: 'nothing rolled up: all raw', input: [D(0), D(5), { rolledBefore: 0, prunedBefore: 0 }], expected: { rollupDays: { fromDay: 0, toDay: 0 }, raw: [{ from: D(0), to: D(5) }] } },
  { name: 'whole rolled days from rollups, today raw', input: [D(0), D(5) + H, { rolledBefore: D(5), prunedBefore: 0 }], expected: { rollupDays: { fromDay: D(0), toDay: D(5) }, raw: [{ from: D(5), to: D(5) + H }] } },
  { name: 'a partial first day stays raw', input: [D(0) + H, D(3), { rolledBefore: D(5), prunedBefore: 0 }], expected: { rollupDays: { fromDay: D(1), toDay: D(3) }, raw: [{ from: D(0) + H, to: D(1) }] } },
  { name: 'a partial last day stays raw while its rows exist', input: [D(0), D(2) + H, { rolledBefore: D(5), prunedBefore: 0 }], expected: { rollupDays: { fromDay: D(0), toDay: D(2) }, raw: [{ from: D(2), to: D(2) + H }] } },
  { name: 'a partial last day counts whole once pruned', input: [D(0), D(2) + H, { rolledBefore: D(5), prunedBefore: D(4) }], expected: { rollupDays: { fromDay: D(0), toDay: D(3) }, raw: [] } },
  { name: 'a range inside one unrolled day', input: [D(7) + H, D(7) + 2 * H, { rolledBefore: D(5), prunedBefore: D(2) }], expected: { rollupDays: { fromDay: 0, toDay: 0 }, raw: [{ from: D(7) + H, to: D(7) + 2 * H }] } },
  { name: 'total window', input: [0, Number.MAX_SAFE_INTEGER, { rolledBefore: D(5), prunedBefore: D(2) }], expected: { rollupDays: { fromDay: 0, toDay: D(5) }, raw: [{ from: D(5), to: Number.MAX_SAFE_INTEGER }] } },
];

for (const c of splits) {
  test(`splitRange: ${c.name}`, () => {
    assert.deepEqual(splitRange(...c.input), c.expected);
  });
}

test('rollableBefore waits an hour past midnight; prunableBefore never passes the rollups', () => {
  assert.equal(rollableBefore(D(3) + 30 * 60_000), D(2));
  assert.equal(rollableBefore(D(3) + 61 * 60_000), D(3));
  assert.equal(prunableBefore(D(40) + H, 30, D(40)), D(10));
  assert.equal(prunableBefore(D(40) + H, 30, D(5)), D(5));
});

test('rollup sums match the raw rows they came from', () => {
  const builder = new RollupBuilder();
  const rows = [
    { startedAt: D(1) + 5, client: 'ci', target: 'a/m', model: 'smart', status: 200, costUsd: 0.25, inputTokens: 10, outputTokens: 3, latencyMs: 120 },
    { startedAt: D(1) + 9, client: 'ci', target: 'a/m', model: 'smart', status: 502, costUsd: null, inputTokens: null, outputTokens: null, latencyMs: 40 },
    { startedAt: D(1) + 11, client: 'ci', target: null, model: 'smart', status: 401, costUsd: null, inputTokens: null, outputTokens: null, latencyMs: 0.4 },
    { startedAt: D(2), client: 'ci', target: 'a/m', model: 'smart', status: 200, costUsd: 0.5, inputTokens: 1, outputTokens: 1, latencyMs: 10 },
  ];
  rows.forEach((r) => builder.add(r));
  const out = builder.result().map(({ latency: _l, ...r }) => r);
  assert.deepEqual(out, [
    { day: D(1), client: 'ci', target: 'a/m', model: 'smart', requests: 2, errors: 1, costUsd: 0.25, unknownCost: 1, inputTokens: 10, outputTokens: 3, latencyMsSum: 160 },
    { day: D(1), client: 'ci', target: null, model: 'smart', requests: 1, errors: 1, costUsd: 0, unknownCost: 0, inputTokens: 0, outputTokens: 0, latencyMsSum: 0.4 },
    { day: D(2), client: 'ci', target: 'a/m', model: 'smart', requests: 1, errors: 0, costUsd: 0.5, unknownCost: 0, inputTokens: 1, outputTokens: 1, latencyMsSum: 10 },
  ]);
});

test('sketch percentiles stay within 1% of the exact nearest-rank percentile', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 1, max: 600_000, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.5, 0.95, 0.99), (latencies, p) => {
      const builder = new RollupBuilder();
      for (const latencyMs of latencies) builder.add({ startedAt: D(0), client: null, target: null, model: 'm', status: 200, costUsd: null, inputTokens: null, outputTokens: null, latencyMs });
      const sorted = [...latencies].sort((a, b) => a - b);
      const exact = sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
      const approx = sketchPercentile(builder.result()[0]!.latency, p)!;
      return Math.abs(approx - exact) <= exact * 0.01 + 0.01;
    }),
  );
});
