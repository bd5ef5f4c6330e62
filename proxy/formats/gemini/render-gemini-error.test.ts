import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import { renderGeminiError } from './render-gemini-error';

const cases: Array<{ name: string; input: GatewayError; status: number; googleStatus: string; headers?: Record<string, string> }> = [
  { name: 'invalid request', input: new GatewayError('invalid_request', 'contents must be a non-empty array'), status: 400, googleStatus: 'INVALID_ARGUMENT' },
  { name: 'unsupported feature', input: new GatewayError('unsupported', 'tools[0].googleSearch is not supported'), status: 400, googleStatus: 'INVALID_ARGUMENT' },
  { name: 'missing key', input: new GatewayError('unauthorized', 'missing client key'), status: 401, googleStatus: 'UNAUTHENTICATED' },
  { name: 'forbidden', input: new GatewayError('forbidden', 'no'), status: 403, googleStatus: 'PERMISSION_DENIED' },
  { name: 'unknown model', input: new GatewayError('not_found', 'no route'), status: 404, googleStatus: 'NOT_FOUND' },
  { name: 'budget spent', input: new GatewayError('budget_exceeded', 'budget spent', { status: 429 }), status: 429, googleStatus: 'RESOURCE_EXHAUSTED' },
  { name: 'rate limited with a wait', input: new GatewayError('rate_limited', 'slow', { retryAfter: 9 }), status: 429, googleStatus: 'RESOURCE_EXHAUSTED', headers: { 'retry-after': '9' } },
  { name: 'upstream timeout', input: new GatewayError('upstream_timeout', 'slow upstream'), status: 504, googleStatus: 'DEADLINE_EXCEEDED' },
  { name: 'upstream unreachable', input: new GatewayError('upstream_unreachable', 'down'), status: 502, googleStatus: 'UNAVAILABLE' },
  { name: 'upstream 503 without a Google status', input: new GatewayError('upstream_error', 'overloaded', { status: 503 }), status: 503, googleStatus: 'UNAVAILABLE' },
  { name: 'a Google upstream status passes through', input: new GatewayError('upstream_error', 'precondition', { status: 400, upstreamType: 'FAILED_PRECONDITION' }), status: 400, googleStatus: 'FAILED_PRECONDITION' },
  { name: 'another provider\'s error type is not a Google status', input: new GatewayError('upstream_error', 'x', { status: 500, upstreamType: 'api_error' }), status: 500, googleStatus: 'INTERNAL' },
  { name: 'internal', input: new GatewayError('internal', 'internal gateway error'), status: 500, googleStatus: 'INTERNAL' },
];

for (const c of cases) {
  test(`renderGeminiError: ${c.name}`, () => {
    const rendered = renderGeminiError(c.input);
    assert.equal(rendered.status, c.status);
    const body = rendered.body as { error: { code: number; message: string; status: string; details: Array<Record<string, unknown>> } };
    assert.equal(body.error.code, c.status);
    assert.equal(body.error.message, c.input.message);
    assert.equal(body.error.status, c.googleStatus);
    assert.equal(body.error.details[0].reason, c.input.code);
    assert.deepEqual(rendered.headers, c.headers);
  });
}
