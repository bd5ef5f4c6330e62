import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readErrorWait, readRateLimitWait } from './read-rate-limit-reset';

// `now` is 0: an RFC 3339 time of 00:00:12 on 1 January 1970 is 12 s ahead.
const rows: Array<{ name: string; input: Record<string, string>; expected: number | undefined }> = [
  { name: 'Retry-After wins over the resets', input: { 'retry-after': '7', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s' }, expected: 7 },
  { name: 'OpenAI: the requests limit is used up', input: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s', 'x-ratelimit-remaining-tokens': '39000', 'x-ratelimit-reset-tokens': '45ms' }, expected: 20 },
  { name: 'OpenAI: the tokens limit is used up, minutes and seconds', input: { 'x-ratelimit-remaining-requests': '499', 'x-ratelimit-reset-requests': '120ms', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1m30.5s' }, expected: 90.5 },
  { name: 'OpenAI: milliseconds', input: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '250ms' }, expected: 0.25 },
  { name: 'OpenAI: hours', input: { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1h0m0s' }, expected: 3600 },
  { name: 'both used up: the longer reset', input: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '6m0s' }, expected: 360 },
  { name: 'none says used up (a request larger than the tokens left): the longest reset', input: { 'x-ratelimit-remaining-requests': '10', 'x-ratelimit-reset-requests': '6s', 'x-ratelimit-remaining-tokens': '500', 'x-ratelimit-reset-tokens': '9s' }, expected: 9 },
  { name: 'Azure: plain seconds', input: { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '4' }, expected: 4 },
  { name: 'Anthropic: an RFC 3339 time', input: { 'anthropic-ratelimit-output-tokens-remaining': '0', 'anthropic-ratelimit-output-tokens-reset': '1970-01-01T00:00:12Z', 'anthropic-ratelimit-requests-remaining': '40', 'anthropic-ratelimit-requests-reset': '1970-01-01T00:00:01Z' }, expected: 12 },
  { name: 'header names in any case', input: { 'X-RateLimit-Remaining-Requests': '0', 'X-RateLimit-Reset-Requests': '3s' }, expected: 3 },
  { name: 'garbage reset', input: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': 'soon' }, expected: undefined },
  { name: 'nothing said', input: {}, expected: undefined },
];

for (const row of rows) {
  test(`readRateLimitWait: ${row.name}`, () => {
    assert.equal(readRateLimitWait(row.input, 0), row.expected);
  });
}

// A used-up limit's reset answers only a 429; other errors wait only as their Retry-After says.
const byStatus: Array<{ name: string; status: number; input: Record<string, string>; expected: number | undefined }> = [
  { name: 'a 429 with only a reset header', status: 429, input: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s' }, expected: 20 },
  { name: 'a 503 with only a reset header', status: 503, input: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s' }, expected: undefined },
  { name: 'a 503 with Retry-After', status: 503, input: { 'retry-after': '5' }, expected: 5 },
];

for (const row of byStatus) {
  test(`readErrorWait: ${row.name}`, () => {
    assert.equal(readErrorWait(row.status, row.input), row.expected);
  });
}
