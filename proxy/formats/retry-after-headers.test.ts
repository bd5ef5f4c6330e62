import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../errors';
import type { ClientFormatName } from './canonical';
import { clientFormat } from './registry';

const FORMATS: ClientFormatName[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'];

// HTTP's Retry-After is whole seconds; a fractional wait (a key's cooldown, an HTTP-date) rounds up.
const rows: Array<{ name: string; retryAfter: number | undefined; expected: Record<string, string> | undefined }> = [
  { name: 'whole seconds pass unchanged', retryAfter: 7, expected: { 'retry-after': '7' } },
  { name: 'a fraction rounds up', retryAfter: 0.867, expected: { 'retry-after': '1' } },
  { name: 'just over a second rounds up to two', retryAfter: 1.001, expected: { 'retry-after': '2' } },
  { name: 'zero stays zero', retryAfter: 0, expected: { 'retry-after': '0' } },
  { name: 'no wait, no header', retryAfter: undefined, expected: undefined },
];

for (const format of FORMATS) {
  for (const row of rows) {
    test(`${format}: ${row.name}`, () => {
      const error = new GatewayError('rate_limited', 'slow down', { code: 'rate_limited', retryAfter: row.retryAfter });
      assert.deepEqual(clientFormat(format).renderError(error).headers, row.expected);
    });
  }
}
