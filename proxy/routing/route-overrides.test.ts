import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRouteOverrides, serializeRouteOverrides, withRouteOverride } from './route-overrides';

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

const edits: Array<{ name: string; input: { stored: string | undefined; route: string; targets: string[] | null }; expected: string | null }> = [
  { name: 'a first edit', input: { stored: undefined, route: 'smart', targets: ['a/m'] }, expected: '{"smart":{"strategy":"fallback","targets":["a/m"]}}' },
  {
    name: 'an edit of another route keeps the stored one',
    input: { stored: '{"smart":{"strategy":"fallback","targets":["a/m"]}}', route: 'fast', targets: ['a/f'] },
    expected: '{"smart":{"strategy":"fallback","targets":["a/m"]},"fast":{"strategy":"fallback","targets":["a/f"]}}',
  },
  {
    name: 'an edit of the same route replaces it',
    input: { stored: '{"smart":{"strategy":"fallback","targets":["a/m"]},"fast":{"strategy":"fallback","targets":["a/f"]}}', route: 'smart', targets: ['b/m'] },
    expected: '{"fast":{"strategy":"fallback","targets":["a/f"]},"smart":{"strategy":"fallback","targets":["b/m"]}}',
  },
  { name: 'removing one keeps the others', input: { stored: '{"smart":{"strategy":"fallback","targets":["a/m"]},"fast":{"strategy":"fallback","targets":["a/f"]}}', route: 'smart', targets: null }, expected: '{"fast":{"strategy":"fallback","targets":["a/f"]}}' },
  { name: 'removing the last stores nothing', input: { stored: '{"smart":{"strategy":"fallback","targets":["a/m"]}}', route: 'smart', targets: null }, expected: null },
  { name: 'a route named __proto__ is stored as a route', input: { stored: undefined, route: '__proto__', targets: ['a/p'] }, expected: '{"__proto__":{"strategy":"fallback","targets":["a/p"]}}' },
];

for (const row of edits) {
  test(`withRouteOverride: ${row.name}`, () => {
    const { stored, route, targets } = row.input;
    const overrides = withRouteOverride(parseRouteOverrides(stored), route, targets && { strategy: 'fallback', targets });
    assert.equal(serializeRouteOverrides(overrides), row.expected);
  });
}
