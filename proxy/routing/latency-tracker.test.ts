import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAILURE_PENALTY_MS, LatencyTracker } from './latency-tracker';

const rows = [
  { name: 'first sample is taken as is', samples: [[100, 0]], expected: 100 },
  { name: 'close samples move the average by 30%', samples: [[100, 0], [200, 1000]], expected: 130 },
  { name: 'after a long quiet spell the new sample dominates', samples: [[10_000, 0], [100, 600_000]], expected: 100 + 9900 * Math.pow(0.5, 10) },
];
for (const row of rows) {
  test(`LatencyTracker: ${row.name}`, () => {
    const tracker = new LatencyTracker();
    for (const [ms, at] of row.samples) tracker.record('a/m', { latencyMs: ms!, ttfbMs: ms! / 2 }, at!);
    const s = tracker.statsOf('a/m')!;
    assert.ok(Math.abs(s.latencyMs - row.expected) < 1e-6, `${s.latencyMs} ≈ ${row.expected}`);
    assert.ok(Math.abs(s.ttfbMs - row.expected / 2) < 1e-6);
    assert.equal(s.samples, row.samples.length);
  });
}

test('LatencyTracker: a failure counts as slow, so a fast error does not look fast', () => {
  const tracker = new LatencyTracker();
  tracker.recordFailure('a/m', 5, 0);
  assert.equal(tracker.statsOf('a/m')!.latencyMs, 5 + FAILURE_PENALTY_MS);
  assert.equal(tracker.statsOf('b/m'), undefined);
});
