import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRetryAfter } from './read-retry-after';

// `now` is 0: an HTTP date of 00:00:30 on 1 January 1970 is 30 s ahead.
const rows: Array<{ name: string; input: Record<string, string | string[] | undefined>; expected: number | undefined }> = [
  { name: 'seconds', input: { 'retry-after': '7' }, expected: 7 },
  { name: 'milliseconds header wins', input: { 'retry-after-ms': '1500', 'retry-after': '7' }, expected: 1.5 },
  { name: 'HTTP date', input: { 'retry-after': 'Thu, 01 Jan 1970 00:00:30 GMT' }, expected: 30 },
  { name: 'HTTP date already past is no wait', input: { 'retry-after': 'Wed, 31 Dec 1969 23:59:00 GMT' }, expected: 0 },
  { name: 'header names in any case', input: { 'Retry-After': '4' }, expected: 4 },
  { name: 'array value', input: { 'retry-after': ['3'] }, expected: 3 },
  { name: 'negative seconds', input: { 'retry-after': '-1' }, expected: undefined },
  { name: 'garbage', input: { 'retry-after': 'soon' }, expected: undefined },
  { name: 'absent', input: {}, expected: undefined },
];

for (const row of rows) {
  test(`readRetryAfter: ${row.name}`, () => {
    assert.equal(readRetryAfter(row.input, 0), row.expected);
  });
}
