import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyGeminiError } from './classify-gemini-error';
import { errors } from './fixtures/gemini-wire-fixtures';

const cases: Array<{ name: string; status: number; body: unknown; headers?: Record<string, string>; expected: Record<string, unknown> }> = [
  { name: '400 INVALID_ARGUMENT is the request\'s fault', status: 400, body: errors.invalidArgument, expected: { kind: 'invalid_request', status: 400, code: 'invalid_argument', upstreamType: 'INVALID_ARGUMENT', retryAfter: undefined } },
  { name: '400 with ErrorInfo API_KEY_INVALID is the provider key\'s fault, reported as 401', status: 400, body: errors.badKey, expected: { kind: 'upstream_error', status: 401, code: 'invalid_argument', upstreamType: 'INVALID_ARGUMENT', retryAfter: undefined } },
  { name: '400 FAILED_PRECONDITION is the provider\'s problem', status: 400, body: errors.failedPrecondition, expected: { kind: 'upstream_error', status: 400, code: 'failed_precondition', upstreamType: 'FAILED_PRECONDITION', retryAfter: undefined } },
  { name: '401 keeps its status', status: 401, body: errors.unauthenticated, expected: { kind: 'upstream_error', status: 401, code: 'unauthenticated', upstreamType: 'UNAUTHENTICATED', retryAfter: undefined } },
  { name: '403 keeps its status', status: 403, body: errors.permissionDenied, expected: { kind: 'upstream_error', status: 403, code: 'permission_denied', upstreamType: 'PERMISSION_DENIED', retryAfter: undefined } },
  { name: '404 is not_found', status: 404, body: errors.notFound, expected: { kind: 'not_found', status: 404, code: 'not_found', upstreamType: 'NOT_FOUND', retryAfter: undefined } },
  { name: '429 takes the wait from RetryInfo', status: 429, body: errors.exhausted, expected: { kind: 'rate_limited', status: 429, code: 'resource_exhausted', upstreamType: 'RESOURCE_EXHAUSTED', retryAfter: 37 } },
  { name: '429 without RetryInfo falls back to Retry-After', status: 429, body: { error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' } }, headers: { 'retry-after': '5' }, expected: { kind: 'rate_limited', status: 429, code: 'resource_exhausted', upstreamType: 'RESOURCE_EXHAUSTED', retryAfter: 5 } },
  { name: '429 without RetryInfo reads an HTTP-date Retry-After', status: 429, body: { error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' } }, headers: { 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }, expected: { kind: 'rate_limited', status: 429, code: 'resource_exhausted', upstreamType: 'RESOURCE_EXHAUSTED', retryAfter: 10 } },
  { name: '429 without RetryInfo reads retry-after-ms', status: 429, body: { error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' } }, headers: { 'retry-after-ms': '2500' }, expected: { kind: 'rate_limited', status: 429, code: 'resource_exhausted', upstreamType: 'RESOURCE_EXHAUSTED', retryAfter: 2.5 } },
  { name: 'RetryInfo wins over the Retry-After header', status: 429, body: errors.exhausted, headers: { 'retry-after': '5' }, expected: { kind: 'rate_limited', status: 429, code: 'resource_exhausted', upstreamType: 'RESOURCE_EXHAUSTED', retryAfter: 37 } },
  { name: 'fractional retry delays round up', status: 429, body: { error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.2s' }] } }, expected: { kind: 'rate_limited', status: 429, code: 'resource_exhausted', upstreamType: 'RESOURCE_EXHAUSTED', retryAfter: 2 } },
  { name: '500 INTERNAL', status: 500, body: errors.internal, expected: { kind: 'upstream_error', status: 500, code: 'internal', upstreamType: 'INTERNAL', retryAfter: undefined } },
  { name: '503 UNAVAILABLE', status: 503, body: errors.unavailable, expected: { kind: 'upstream_error', status: 503, code: 'unavailable', upstreamType: 'UNAVAILABLE', retryAfter: undefined } },
  { name: '504 DEADLINE_EXCEEDED is a timeout', status: 504, body: errors.deadline, expected: { kind: 'upstream_timeout', status: 504, code: 'deadline_exceeded', upstreamType: 'DEADLINE_EXCEEDED', retryAfter: undefined } },
  { name: 'an error wrapped in an array', status: 400, body: [errors.invalidArgument], expected: { kind: 'invalid_request', status: 400, code: 'invalid_argument', upstreamType: 'INVALID_ARGUMENT', retryAfter: undefined } },
  { name: 'a body that is not Google\'s shape', status: 502, body: '<html>bad gateway</html>', expected: { kind: 'upstream_error', status: 502, code: 'http_502', upstreamType: undefined, retryAfter: undefined } },
];

for (const c of cases) {
  test(`classifyGeminiError: ${c.name}`, (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 }); // so an HTTP-date Retry-After is a fixed wait
    const error = classifyGeminiError(c.status, c.body, c.headers ?? {});
    assert.deepEqual({ kind: error.kind, status: error.status, code: error.code, upstreamType: error.upstreamType, retryAfter: error.retryAfter }, c.expected);
  });
}

test('classifyGeminiError: the message is Google\'s own, or says the status when there is none', () => {
  assert.equal(classifyGeminiError(404, errors.notFound, {}).message, 'models/gemini-9 is not found for API version v1beta');
  assert.equal(classifyGeminiError(502, undefined, {}).message, 'Gemini returned HTTP 502');
});
