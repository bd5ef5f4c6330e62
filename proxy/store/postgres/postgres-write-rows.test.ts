import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pgJson, pgText } from './postgres-write-rows';

const NUL = String.fromCharCode(0);

const textRows: Array<{ name: string; input: string | null; expected: string | null }> = [
  { name: 'null stays null', input: null, expected: null },
  { name: 'ordinary text is passed on as it is', input: 'alpha/m-large', expected: 'alpha/m-large' },
  { name: 'every NUL becomes U+FFFD', input: `a${NUL}b${NUL}`, expected: 'a\uFFFDb\uFFFD' },
];
for (const row of textRows) test(`pgText: ${row.name}`, () => assert.equal(pgText(row.input), row.expected));

const jsonRows: Array<{ name: string; input: unknown; expected: unknown }> = [
  { name: 'ordinary values round-trip', input: { a: [1, 'x'], b: null }, expected: { a: [1, 'x'], b: null } },
  { name: 'a NUL in a string becomes U+FFFD', input: { error: `boom${NUL}` }, expected: { error: 'boom\uFFFD' } },
  { name: 'a NUL in a key too', input: { [`k${NUL}`]: 1 }, expected: { 'k\uFFFD': 1 } },
  { name: 'the text "\\u0000" (an escaped backslash) is not a NUL', input: { text: '\\u0000' }, expected: { text: '\\u0000' } },
  { name: 'a backslash followed by a NUL keeps the backslash', input: { text: `\\${NUL}` }, expected: { text: '\\\uFFFD' } },
];
for (const row of jsonRows) {
  test(`pgJson: ${row.name}`, () => {
    const json = pgJson(row.input);
    assert.equal(json.includes('\\u0000') && !json.includes('\\\\u0000'), false);
    assert.deepEqual(JSON.parse(json), row.expected);
  });
}
