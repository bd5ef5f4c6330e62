import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryable } from '../../errors';
import { openaiCodec } from './openai-codec';
import { ERROR_CONTEXT, ERROR_INVALID_KEY, ERROR_MODEL_NOT_FOUND, ERROR_QUOTA, ERROR_RATE_LIMIT, ERROR_SERVER } from './fixtures/openai-wire';

const cases: Array<{
  name: string;
  input: { status: number; body: unknown; headers?: Record<string, string | string[]> };
  expected: { kind: string; status: number; code?: string; retryAfter?: number; retryable: boolean; message: string };
}> = [
  { name: 'bad provider key', input: { status: 401, body: ERROR_INVALID_KEY }, expected: { kind: 'upstream_error', status: 401, code: 'invalid_api_key', retryable: false, message: 'Incorrect API key provided: sk-****.' } },
  { name: 'forbidden', input: { status: 403, body: { error: { message: 'Country not supported', type: 'permission_error', code: 'unsupported_country_region_territory' } } }, expected: { kind: 'upstream_error', status: 403, code: 'unsupported_country_region_territory', retryable: false, message: 'Country not supported' } },
  { name: 'model not found', input: { status: 404, body: ERROR_MODEL_NOT_FOUND }, expected: { kind: 'not_found', status: 404, code: 'model_not_found', retryable: false, message: 'The model `gpt-9` does not exist or you do not have access to it.' } },
  { name: 'rate limited with retry-after seconds', input: { status: 429, body: ERROR_RATE_LIMIT, headers: { 'Retry-After': '20' } }, expected: { kind: 'rate_limited', status: 429, code: 'rate_limit_exceeded', retryAfter: 20, retryable: true, message: ERROR_RATE_LIMIT.error.message } },
  { name: 'quota exhausted keeps its code', input: { status: 429, body: ERROR_QUOTA }, expected: { kind: 'rate_limited', status: 429, code: 'insufficient_quota', retryable: true, message: ERROR_QUOTA.error.message } },
  { name: 'server error', input: { status: 500, body: ERROR_SERVER }, expected: { kind: 'upstream_error', status: 500, code: 'server_error', retryable: true, message: ERROR_SERVER.error.message } },
  { name: 'context too long', input: { status: 400, body: ERROR_CONTEXT }, expected: { kind: 'invalid_request', status: 400, code: 'context_length_exceeded', retryable: false, message: ERROR_CONTEXT.error.message } },
  { name: 'non-JSON 503 from a proxy in front', input: { status: 503, body: 'Service Unavailable' }, expected: { kind: 'upstream_error', status: 503, retryable: true, message: 'Service Unavailable' } },
  { name: 'Ollama-style string error', input: { status: 404, body: { error: "model 'llama9' not found" } }, expected: { kind: 'not_found', status: 404, retryable: false, message: "model 'llama9' not found" } },
  { name: 'FastAPI-style detail', input: { status: 400, body: { detail: 'max_tokens is too large' } }, expected: { kind: 'invalid_request', status: 400, retryable: false, message: 'max_tokens is too large' } },
  { name: 'empty body', input: { status: 502, body: undefined }, expected: { kind: 'upstream_error', status: 502, retryable: true, message: 'upstream returned HTTP 502' } },
];

for (const c of cases) {
  test(`classifyOpenAIError: ${c.name}`, () => {
    const err = openaiCodec.classifyError(c.input.status, c.input.body, c.input.headers ?? {});
    assert.equal(err.kind, c.expected.kind);
    assert.equal(err.status, c.expected.status);
    if (c.expected.code) assert.equal(err.code, c.expected.code);
    assert.equal(err.retryAfter, c.expected.retryAfter);
    assert.equal(isRetryable(err), c.expected.retryable);
    assert.equal(err.message, c.expected.message);
  });
}

test('usageFromResponse reads a native body', () => {
  assert.deepEqual(openaiCodec.usageFromResponse({ usage: { prompt_tokens: 5, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 3 } } }), { inputTokens: 5, outputTokens: 2, cachedInputTokens: 3 });
  assert.equal(openaiCodec.usageFromResponse({}), undefined);
});
