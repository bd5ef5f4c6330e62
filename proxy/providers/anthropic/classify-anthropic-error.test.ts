import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryable } from '../../errors';
import { anthropicCodec } from './anthropic-codec';
import { ERROR_API, ERROR_AUTH, ERROR_INVALID_REQUEST, ERROR_NOT_FOUND, ERROR_OVERLOADED, ERROR_RATE_LIMIT, ERROR_TOO_LARGE } from './fixtures/anthropic-wire';

const cases: Array<{
  name: string;
  input: { status: number; body: unknown; headers?: Record<string, string> };
  expected: { kind: string; status: number; upstreamType?: string; retryAfter?: number; retryable: boolean };
}> = [
  { name: 'invalid request', input: { status: 400, body: ERROR_INVALID_REQUEST }, expected: { kind: 'invalid_request', status: 400, upstreamType: 'invalid_request_error', retryable: false } },
  { name: 'bad provider key', input: { status: 401, body: ERROR_AUTH }, expected: { kind: 'upstream_error', status: 401, upstreamType: 'authentication_error', retryable: false } },
  { name: 'not found', input: { status: 404, body: ERROR_NOT_FOUND }, expected: { kind: 'not_found', status: 404, upstreamType: 'not_found_error', retryable: false } },
  { name: 'too large', input: { status: 413, body: ERROR_TOO_LARGE }, expected: { kind: 'payload_too_large', status: 413, upstreamType: 'request_too_large', retryable: false } },
  { name: 'rate limited with retry-after', input: { status: 429, body: ERROR_RATE_LIMIT, headers: { 'retry-after': '12' } }, expected: { kind: 'rate_limited', status: 429, upstreamType: 'rate_limit_error', retryAfter: 12, retryable: true } },
  { name: 'api error', input: { status: 500, body: ERROR_API }, expected: { kind: 'upstream_error', status: 500, upstreamType: 'api_error', retryable: true } },
  { name: 'overloaded 529', input: { status: 529, body: ERROR_OVERLOADED }, expected: { kind: 'upstream_error', status: 529, upstreamType: 'overloaded_error', retryable: true } },
];

for (const c of cases) {
  test(`classifyAnthropicError: ${c.name}`, () => {
    const err = anthropicCodec.classifyError(c.input.status, c.input.body, c.input.headers ?? {});
    assert.equal(err.kind, c.expected.kind);
    assert.equal(err.status, c.expected.status);
    assert.equal(err.upstreamType, c.expected.upstreamType);
    assert.equal(err.retryAfter, c.expected.retryAfter);
    assert.equal(isRetryable(err), c.expected.retryable);
    assert.equal(err.message, (c.input.body as { error: { message: string } }).error.message);
  });
}

/** Error bodies not in the documented shape: the message is still read where one is. */
const undocumented: Array<{ name: string; input: unknown; expected: string }> = [
  { name: 'a bare string', input: 'overloaded', expected: 'overloaded' },
  { name: 'an error that is a string', input: { type: 'error', error: 'overloaded' }, expected: 'overloaded' },
  { name: 'a message beside no error object', input: { type: 'error', message: 'overloaded' }, expected: 'overloaded' },
  { name: 'nothing to read', input: { type: 'error', error: 42 }, expected: 'upstream returned HTTP 500' },
];

for (const c of undocumented) {
  test(`classifyAnthropicError: ${c.name} keeps its message`, () => {
    assert.equal(anthropicCodec.classifyError(500, c.input, {}).message, c.expected);
  });
}
