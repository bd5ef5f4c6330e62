import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonDepth } from './read-body';

const rows: Array<{ name: string; input: string; expected: number }> = [
  { name: 'flat object', input: '{"a":1}', expected: 1 },
  { name: 'nested arrays and objects', input: '{"a":[{"b":[1,[2]]}]}', expected: 5 },
  { name: 'brackets inside strings do not count', input: '{"a":"[[[{{{"}', expected: 1 },
  { name: 'escaped quotes keep the string open', input: '{"a":"\\"[[[\\"","b":[1]}', expected: 2 },
  { name: 'an escaped backslash closes the string', input: '{"a":"\\\\","b":[[1]]}', expected: 3 },
  { name: 'an unterminated string stops the scan', input: '{"a":[[ "[[[[', expected: 3 },
  { name: 'not JSON at all', input: 'hello', expected: 0 },
];

for (const row of rows) {
  test(`jsonDepth: ${row.name}`, () => {
    assert.equal(jsonDepth(Buffer.from(row.input)), row.expected);
  });
}

test('jsonDepth: stops counting above the limit it is given', () => {
  assert.equal(jsonDepth(Buffer.from('['.repeat(100_000)), 128), 129);
});
