import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRouteOverrides } from './route-overrides';

const rows: Array<{ name: string; input: string | undefined; expected: Array<[string, string[]]> }> = [
  { name: 'nothing stored', input: undefined, expected: [] },
  { name: 'not JSON', input: '{', expected: [] },
  { name: 'an edit', input: '{"smart":{"targets":["a/m"]}}', expected: [['smart', ['a/m']]] },
  { name: 'an entry that no longer validates is left out', input: '{"smart":{"targets":[]},"fast":{"targets":["a/f"]}}', expected: [['fast', ['a/f']]] },
  { name: 'a route named __proto__ is an own entry, not the prototype', input: '{"__proto__":{"targets":["a/p"]},"constructor":{"targets":["a/c"]}}', expected: [['__proto__', ['a/p']], ['constructor', ['a/c']]] },
];

for (const row of rows) {
  test(`parseRouteOverrides: ${row.name}`, () => {
    const overrides = parseRouteOverrides(row.input);
    assert.equal(Object.getPrototypeOf(overrides), Object.prototype);
    assert.deepEqual(Object.entries(overrides).map(([name, body]) => [name, body.targets]), row.expected);
  });
}
