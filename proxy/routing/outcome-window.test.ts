import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutcomeWindow } from './outcome-window';

// Window 10 s in 10 buckets of 1 s.
const rows: Array<{ name: string; outcomes: Array<[number, boolean]>; at: number; requests: number; failures: number }> = [
  { name: 'empty', outcomes: [], at: 0, requests: 0, failures: 0 },
  { name: 'counts within the window', outcomes: [[0, true], [500, false], [9_999, false]], at: 9_999, requests: 3, failures: 2 },
  { name: 'a bucket that has left the window stops counting', outcomes: [[0, false], [999, false], [5_000, true]], at: 10_000, requests: 1, failures: 0 },
  { name: 'a reused bucket starts from zero', outcomes: [[100, false], [10_100, true]], at: 10_100, requests: 1, failures: 0 },
  { name: 'long silence forgets everything', outcomes: [[0, false], [3_000, false]], at: 60_000, requests: 0, failures: 0 },
  { name: 'many outcomes in one bucket', outcomes: Array.from({ length: 1000 }, (_, i) => [4_000 + (i % 900), i % 4 === 0] as [number, boolean]), at: 5_000, requests: 1000, failures: 750 },
];

for (const row of rows) {
  test(`OutcomeWindow: ${row.name}`, () => {
    const window = new OutcomeWindow(10_000, 10);
    for (const [at, ok] of row.outcomes) window.add(at, ok);
    assert.deepEqual(window.totals(row.at), { requests: row.requests, failures: row.failures });
  });
}

test('OutcomeWindow: clear forgets every bucket', () => {
  const window = new OutcomeWindow(10_000, 10);
  window.add(1_000, false);
  window.clear();
  assert.deepEqual(window.totals(1_000), { requests: 0, failures: 0 });
});
