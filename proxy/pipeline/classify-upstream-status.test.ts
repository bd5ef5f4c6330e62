import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyUpstreamStatus } from './classify-upstream-status';

const googleError = (reason: string) => ({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com' }] } });

const rows: Array<{ name: string; status: number; body: unknown; expected: { kind: string; status: number } }> = [
  { name: 'Google\'s 400 API_KEY_INVALID is the provider refusing our key', status: 400, body: googleError('API_KEY_INVALID'), expected: { kind: 'upstream_error', status: 401 } },
  { name: 'another Google 400 stays the request\'s fault', status: 400, body: googleError('FIELD_INVALID'), expected: { kind: 'invalid_request', status: 400 } },
  { name: 'an OpenAI 401 is an upstream error', status: 401, body: { error: { message: 'bad key', type: 'invalid_request_error', code: 'invalid_api_key' } }, expected: { kind: 'upstream_error', status: 401 } },
  { name: 'an OpenAI 400 is the request\'s fault', status: 400, body: { error: { message: 'bad field', type: 'invalid_request_error' } }, expected: { kind: 'invalid_request', status: 400 } },
];

for (const row of rows) {
  test(`classifyUpstreamStatus: ${row.name}`, () => {
    const error = classifyUpstreamStatus(row.status, row.body, {});
    assert.deepEqual({ kind: error.kind, status: error.status }, row.expected);
  });
}

// `now` is 0 here, so an HTTP date of 00:00:10 on 1 January 1970 is 10 s ahead.
const retryRows: Array<{ name: string; headers: Record<string, string>; expected: number | undefined }> = [
  { name: 'seconds', headers: { 'retry-after': '3' }, expected: 3 },
  { name: 'an HTTP date 10 s ahead', headers: { 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }, expected: 10 },
  { name: 'retry-after-ms', headers: { 'retry-after-ms': '2500' }, expected: 2.5 },
];

for (const row of retryRows) {
  test(`classifyUpstreamStatus 429 Retry-After: ${row.name}`, (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    assert.equal(classifyUpstreamStatus(429, { error: { message: 'slow down' } }, row.headers).retryAfter, row.expected);
  });
}
