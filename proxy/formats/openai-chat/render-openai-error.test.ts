import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { RenderedError } from '../client-format';
import { renderOpenAIError } from './render-openai-error';

const cases: Array<{ name: string; input: GatewayError; expected: RenderedError }> = [
  {
    name: 'invalid request',
    input: new GatewayError('invalid_request', "'temperature' must be a number"),
    expected: { status: 400, body: { error: { message: "'temperature' must be a number", type: 'invalid_request_error', param: null, code: 'invalid_request' } } },
  },
  {
    name: 'missing client key',
    input: new GatewayError('unauthorized', 'missing API key', { code: 'invalid_api_key' }),
    expected: { status: 401, body: { error: { message: 'missing API key', type: 'authentication_error', param: null, code: 'invalid_api_key' } } },
  },
  {
    name: 'budget exceeded',
    input: new GatewayError('budget_exceeded', 'client ci spent its daily budget'),
    expected: { status: 402, body: { error: { message: 'client ci spent its daily budget', type: 'insufficient_quota', param: null, code: 'budget_exceeded' } } },
  },
  {
    name: 'rate limited with Retry-After',
    input: new GatewayError('rate_limited', 'slow down', { retryAfter: 1.2 }),
    expected: { status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limited' } }, headers: { 'retry-after': '2' } },
  },
  {
    name: 'model not found keeps the upstream code',
    input: new GatewayError('not_found', 'no such model', { code: 'model_not_found' }),
    expected: { status: 404, body: { error: { message: 'no such model', type: 'invalid_request_error', param: null, code: 'model_not_found' } } },
  },
  {
    name: 'upstream 401 keeps its status and reads as an authentication error',
    input: new GatewayError('upstream_error', 'invalid x-api-key', { status: 401, upstreamType: 'authentication_error', code: 'authentication_error' }),
    expected: { status: 401, body: { error: { message: 'invalid x-api-key', type: 'authentication_error', param: null, code: 'authentication_error' } } },
  },
  {
    name: 'foreign upstream type is replaced by ours',
    input: new GatewayError('upstream_error', 'Overloaded', { status: 529, upstreamType: 'overloaded_error', code: 'overloaded_error' }),
    expected: { status: 529, body: { error: { message: 'Overloaded', type: 'api_error', param: null, code: 'overloaded_error' } } },
  },
  {
    name: 'internal',
    input: new GatewayError('internal', 'internal gateway error'),
    expected: { status: 500, body: { error: { message: 'internal gateway error', type: 'api_error', param: null, code: 'internal' } } },
  },
];

for (const c of cases) {
  test(`renderOpenAIError: ${c.name}`, () => {
    assert.deepEqual(renderOpenAIError(c.input), c.expected);
  });
}
