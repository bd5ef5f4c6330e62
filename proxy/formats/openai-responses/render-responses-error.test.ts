import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import { renderResponsesError } from './render-responses-error';

const cases: Array<{ name: string; input: GatewayError; expected: { status: number; body: unknown; headers?: Record<string, string> } }> = [
  { name: 'invalid request', input: new GatewayError('invalid_request', 'input must be a string or an array of items'), expected: { status: 400, body: { error: { message: 'input must be a string or an array of items', type: 'invalid_request_error', code: 'invalid_request', param: null } } } },
  { name: 'unsupported feature', input: new GatewayError('unsupported', 'web_search is not supported by this route'), expected: { status: 400, body: { error: { message: 'web_search is not supported by this route', type: 'invalid_request_error', code: 'unsupported', param: null } } } },
  { name: 'missing key', input: new GatewayError('unauthorized', 'missing client key'), expected: { status: 401, body: { error: { message: 'missing client key', type: 'authentication_error', code: 'unauthorized', param: null } } } },
  { name: 'budget spent', input: new GatewayError('budget_exceeded', 'budget spent', { status: 402, code: 'budget_exceeded' }), expected: { status: 402, body: { error: { message: 'budget spent', type: 'insufficient_quota', code: 'budget_exceeded', param: null } } } },
  { name: 'rate limited with a wait', input: new GatewayError('rate_limited', 'slow down', { retryAfter: 20, code: 'rate_limit_exceeded' }), expected: { status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded', param: null } }, headers: { 'retry-after': '20' } } },
  { name: 'an OpenAI upstream type passes through', input: new GatewayError('rate_limited', 'quota', { upstreamType: 'insufficient_quota', code: 'insufficient_quota' }), expected: { status: 429, body: { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota', param: null } } } },
  { name: 'a Google status is not an OpenAI type', input: new GatewayError('upstream_error', 'overloaded', { status: 503, upstreamType: 'UNAVAILABLE' }), expected: { status: 503, body: { error: { message: 'overloaded', type: 'server_error', code: 'upstream_error', param: null } } } },
  { name: 'upstream timeout', input: new GatewayError('upstream_timeout', 'no first byte in 30s'), expected: { status: 504, body: { error: { message: 'no first byte in 30s', type: 'server_error', code: 'upstream_timeout', param: null } } } },
];

for (const c of cases) {
  test(`renderResponsesError: ${c.name}`, () => {
    assert.deepEqual(renderResponsesError(c.input), c.expected.headers ? c.expected : { status: c.expected.status, body: c.expected.body });
  });
}
