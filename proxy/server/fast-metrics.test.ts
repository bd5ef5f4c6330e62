import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics';

const rows: Array<{ name: string; input: string[][]; expected: Array<[string, number]> }> = [
  { name: 'under the bound every label set has its series', input: [['a/m1', 'ok'], ['a/m2', 'ok'], ['a/m1', 'ok']], expected: [['a/m1|ok', 2], ['a/m2|ok', 1]] },
  {
    name: 'past the bound new label sets count under "other"; known ones keep counting',
    input: [['a/m1', 'ok'], ['a/m2', 'ok'], ['a/m3', 'ok'], ['a/m4', 'upstream_error'], ['a/m1', 'ok'], ['a/m5', 'ok']],
    expected: [['a/m1|ok', 2], ['a/m2|ok', 1], ['a/m3|ok', 1], ['other|other', 2]],
  },
];

for (const row of rows) {
  test(`FastCounter: ${row.name}`, async () => {
    const counter = new FastCounter('t_total', 'test', ['target', 'outcome'], new Registry(), 3);
    for (const values of row.input) counter.inc(values);
    assert.deepEqual(counter.get().values.map((v) => [`${v.labels.target}|${v.labels.outcome}`, v.value]), row.expected);
  });
}

test('FastHistogram: a stream of new label sets keeps at most the bound plus one series', () => {
  const histogram = new FastHistogram('t_seconds', 'test', ['target'], [1], new Registry(), 100);
  for (let i = 0; i < 10_000; i++) histogram.observe([`a/model-${i}`], 0.5);
  const counts = histogram.get().values.filter((v) => v.metricName === 't_seconds_count');
  assert.equal(counts.length, 101);
  assert.equal(counts.find((v) => v.labels.target === 'other')?.value, 9_900);
});
