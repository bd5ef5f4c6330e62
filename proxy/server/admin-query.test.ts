import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intParam, timeParam, unknownField } from './admin-query';

const RANGE = { fallback: 50, min: 1, max: 1000 };

const intRows: Array<{ name: string; input: unknown; expected: number | null }> = [
  { name: 'absent gives the fallback', input: undefined, expected: 50 },
  { name: 'empty gives the fallback', input: '', expected: 50 },
  { name: 'a whole number in range', input: '20', expected: 20 },
  { name: 'above the range is clamped', input: '5000', expected: 1000 },
  { name: 'below the range is clamped', input: '-3', expected: 1 },
  { name: 'letters are unreadable', input: 'abc', expected: null },
  { name: 'a fraction is unreadable', input: '1.5', expected: null },
  { name: 'a trailing unit is unreadable', input: '10k', expected: null },
  { name: 'a repeated parameter (an array) is unreadable', input: ['1', '2'], expected: null },
];

for (const row of intRows) {
  test(`intParam: ${row.name}`, () => assert.equal(intParam(row.input, RANGE), row.expected));
}

const timeRows: Array<{ name: string; input: unknown; expected: number | null | undefined }> = [
  { name: 'absent', input: undefined, expected: undefined },
  { name: 'epoch milliseconds', input: '1700000000000', expected: 1_700_000_000_000 },
  { name: 'an ISO date', input: '2026-11-25T00:00:00Z', expected: Date.UTC(2026, 10, 25) },
  { name: 'words are unreadable', input: 'yesterday', expected: null },
  { name: 'an array is unreadable', input: ['1', '2'], expected: null },
];

for (const row of timeRows) {
  test(`timeParam: ${row.name}`, () => assert.equal(timeParam(row.input), row.expected));
}

const fieldRows: Array<{ name: string; input: { body: unknown; known: string[]; path?: string }; expected: string | undefined }> = [
  { name: 'known fields only', input: { body: { paused: true }, known: ['paused'] }, expected: undefined },
  { name: 'a misspelt field', input: { body: { compresion: { enabled: true } }, known: ['compression', 'cache'] }, expected: 'compresion' },
  { name: 'a nested one, with its path', input: { body: { enabled: true, minChars: 10 }, known: ['enabled'], path: 'compression.' }, expected: 'compression.minChars' },
  { name: 'an own "__proto__" key is a field too', input: { body: JSON.parse('{"__proto__": {"paused": true}}'), known: ['paused'] }, expected: '__proto__' },
  { name: 'not an object: left to the type checks', input: { body: null, known: ['name'] }, expected: undefined },
  { name: 'an array: left to the type checks', input: { body: ['x'], known: ['name'] }, expected: undefined },
];

for (const row of fieldRows) {
  test(`unknownField: ${row.name}`, () => assert.equal(unknownField(row.input.body, row.input.known, row.input.path), row.expected));
}
