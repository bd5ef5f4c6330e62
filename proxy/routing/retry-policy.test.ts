import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../errors';
import { backoffDelay, classifyFailure } from './retry-policy';

function upstream(kind: ConstructorParameters<typeof GatewayError>[0], status: number): GatewayError {
  const error = new GatewayError(kind, 'x', { status });
  error.upstreamStatus = status;
  return error;
}

const rows = [
  { name: '500', error: upstream('upstream_error', 500), expected: 'retry' },
  { name: '503', error: upstream('upstream_error', 503), expected: 'retry' },
  { name: 'timeout', error: new GatewayError('upstream_timeout', 'x'), expected: 'retry' },
  { name: 'connect error', error: new GatewayError('upstream_unreachable', 'x'), expected: 'retry' },
  { name: 'invalid JSON body (502 from us)', error: new GatewayError('upstream_error', 'x', { status: 502, code: 'invalid_upstream_response' }), expected: 'retry' },
  { name: '429', error: upstream('rate_limited', 429), expected: 'rate_limited' },
  { name: '401 refused key', error: upstream('upstream_error', 401), expected: 'next_account' },
  { name: '403 refused key', error: upstream('upstream_error', 403), expected: 'next_account' },
  { name: 'a key refused by its provider whatever the status (Google\'s 400, an account out of credit\'s 429)', error: new GatewayError('upstream_error', 'x', { status: 502, code: 'upstream_key_refused' }), expected: 'next_account' },
  { name: '400 bad request', error: upstream('invalid_request', 400), expected: 'stop' },
  { name: '422 unprocessable', error: upstream('invalid_request', 422), expected: 'stop' },
  { name: '404 model not found', error: upstream('not_found', 404), expected: 'stop' },
  { name: '413 too large', error: upstream('payload_too_large', 413), expected: 'stop' },
  { name: 'no translation for this target', error: new GatewayError('unsupported', 'x'), expected: 'next_target' },
  { name: 'our own bug', error: new GatewayError('internal', 'x'), expected: 'stop' },
];
for (const row of rows) {
  test(`classifyFailure: ${row.name} → ${row.expected}`, () => assert.equal(classifyFailure(row.error), row.expected));
}

const backoffRows = [
  { name: 'first retry, no jitter draw', retry: 1, random: 0, expected: 50 },
  { name: 'first retry, full jitter draw', retry: 1, random: 1, expected: 100 },
  { name: 'doubles per retry', retry: 3, random: 0, expected: 200 },
  { name: 'capped at maxBackoffMs', retry: 10, random: 1, expected: 1000 },
];
for (const row of backoffRows) {
  test(`backoffDelay: ${row.name}`, () => {
    assert.equal(backoffDelay({ attempts: 5, backoffMs: 100, maxBackoffMs: 1000 }, row.retry, () => row.random), row.expected);
  });
}
