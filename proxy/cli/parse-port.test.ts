import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePort } from './parse-port';

const rows: Array<{ name: string; input: string; expected: number | undefined }> = [
  { name: 'a usual port', input: '7420', expected: 7420 },
  { name: 'zero (any free port)', input: '0', expected: 0 },
  { name: 'the highest port', input: '65535', expected: 65535 },
  { name: 'one past the highest', input: '65536', expected: undefined },
  { name: 'hexadecimal', input: '0x10', expected: undefined },
  { name: 'exponent notation', input: '1e4', expected: undefined },
  { name: 'a fraction', input: '80.5', expected: undefined },
  { name: 'negative', input: '-1', expected: undefined },
  { name: 'surrounding spaces', input: ' 80 ', expected: undefined },
  { name: 'empty', input: '', expected: undefined },
  { name: 'a word', input: 'http', expected: undefined },
];

for (const row of rows) {
  test(`parsePort: ${row.name}`, () => {
    assert.equal(parsePort(row.input), row.expected);
  });
}
