import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callIdBase, synthesizeCallId } from './synthesize-call-id';

const cases: Array<{ name: string; responseId: string | undefined; seed: string; expected: string | RegExp }> = [
  { name: 'the response id when Gemini gave one', responseId: 'mHfmaJ3nB7ed1dkP1f3Y0QM', seed: 'x', expected: 'mHfmaJ3nB7ed1dkP1f3Y0QM' },
  { name: 'characters tool ids may not hold are removed', responseId: 'a/b+c=', seed: 'x', expected: 'abc' },
  { name: 'a hash of the body otherwise', responseId: undefined, seed: '{"candidates":[]}', expected: /^[0-9a-f]{16}$/ },
  { name: 'a hash when nothing of the id is left', responseId: '///', seed: 'y', expected: /^[0-9a-f]{16}$/ },
];

for (const c of cases) {
  test(`callIdBase: ${c.name}`, () => {
    const base = callIdBase(c.responseId, c.seed);
    if (typeof c.expected === 'string') assert.equal(base, c.expected);
    else assert.match(base, c.expected);
    assert.equal(callIdBase(c.responseId, c.seed), base, 'stable for the same input');
  });
}

test('synthesizeCallId: numbered under the base', () => {
  assert.equal(synthesizeCallId('abc', 2), 'call_abc_2');
});
