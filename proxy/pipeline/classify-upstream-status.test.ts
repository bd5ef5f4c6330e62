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
