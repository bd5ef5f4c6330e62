import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptimizeSwitches, sameOptimizeSwitches } from './optimize-switches';

const rows: Array<{ name: string; input: string | null | undefined; expected: unknown }> = [
  { name: 'nothing stored', input: undefined, expected: {} },
  { name: 'deleted', input: null, expected: {} },
  { name: 'not JSON', input: '{', expected: {} },
  { name: 'not an object', input: '"on"', expected: {} },
  { name: 'both switches', input: '{"cache":false,"compression":true}', expected: { compression: true, cache: false } },
  { name: 'a value that is not a boolean is left out', input: '{"compression":"yes","cache":true}', expected: { cache: true } },
];

for (const row of rows) {
  test(`parseOptimizeSwitches: ${row.name}`, () => {
    assert.deepEqual(parseOptimizeSwitches(row.input), row.expected);
  });
}

const comparisons: Array<{ name: string; input: [object, object]; expected: boolean }> = [
  { name: 'same values in another order', input: [{ compression: true, cache: false }, { cache: false, compression: true }], expected: true },
  { name: 'a switch set on one side only', input: [{ compression: true }, { compression: true, cache: true }], expected: false },
  { name: 'a switch flipped', input: [{ cache: true }, { cache: false }], expected: false },
];

for (const row of comparisons) {
  test(`sameOptimizeSwitches: ${row.name}`, () => {
    assert.equal(sameOptimizeSwitches(...row.input), row.expected);
  });
}
