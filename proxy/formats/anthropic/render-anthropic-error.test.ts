import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { RenderedError } from '../client-format';
import { renderAnthropicError } from './render-anthropic-error';

const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });

const cases: Array<{ name: string; input: GatewayError; expected: RenderedError }> = [
  { name: 'invalid request', input: new GatewayError('invalid_request', "'max_tokens' is required"), expected: { status: 400, body: body('invalid_request_error', "'max_tokens' is required") } },
  { name: 'unsupported', input: new GatewayError('unsupported', 'no documents'), expected: { status: 400, body: body('invalid_request_error', 'no documents') } },
  { name: 'unauthorized', input: new GatewayError('unauthorized', 'invalid x-api-key'), expected: { status: 401, body: body('authentication_error', 'invalid x-api-key') } },
  { name: 'forbidden', input: new GatewayError('forbidden', 'no'), expected: { status: 403, body: body('permission_error', 'no') } },
  { name: 'not found', input: new GatewayError('not_found', 'model: x'), expected: { status: 404, body: body('not_found_error', 'model: x') } },
  { name: 'too large', input: new GatewayError('payload_too_large', 'big'), expected: { status: 413, body: body('request_too_large', 'big') } },
  { name: 'rate limited with Retry-After', input: new GatewayError('rate_limited', 'slow', { retryAfter: 30 }), expected: { status: 429, body: body('rate_limit_error', 'slow'), headers: { 'retry-after': '30' } } },
  {
    name: 'budget exceeded carries the gateway code',
    input: new GatewayError('budget_exceeded', 'budget spent'),
    expected: { status: 402, body: { type: 'error', error: { type: 'billing_error', message: 'budget spent', code: 'budget_exceeded' } } },
  },
  {
    name: 'budget exceeded as 429',
    input: new GatewayError('budget_exceeded', 'budget spent', { status: 429 }),
    expected: { status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'budget spent', code: 'budget_exceeded' } } },
  },
  { name: 'overloaded upstream (529)', input: new GatewayError('upstream_error', 'Overloaded', { status: 529 }), expected: { status: 529, body: body('overloaded_error', 'Overloaded') } },
  { name: 'OpenAI upstream 500 type is not Anthropic’s', input: new GatewayError('upstream_error', 'boom', { status: 500, upstreamType: 'server_error' }), expected: { status: 500, body: body('api_error', 'boom') } },
  { name: 'timeout', input: new GatewayError('upstream_timeout', 'no first byte in 30s'), expected: { status: 504, body: body('timeout_error', 'no first byte in 30s') } },
  { name: 'internal', input: new GatewayError('internal', 'internal gateway error'), expected: { status: 500, body: body('api_error', 'internal gateway error') } },
];

for (const c of cases) {
  test(`renderAnthropicError: ${c.name}`, () => {
    assert.deepEqual(renderAnthropicError(c.input), c.expected);
  });
}
