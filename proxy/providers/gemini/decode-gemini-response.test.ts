import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../../formats/canonical';
import { decodeGeminiResponse } from './decode-gemini-response';
import { callIdBase } from './synthesize-call-id';
import { blockedPromptResponse, parallelCallsResponse, textResponse } from './fixtures/gemini-wire-fixtures';

const cases: Array<{ name: string; input: unknown; expected: CanonicalResponse }> = [
  {
    name: 'text after a thought summary; thoughts count as output tokens',
    input: textResponse,
    expected: {
      id: 'mHfmaJ3nB7ed1dkP1f3Y0QM',
      model: 'gemini-2.5-flash',
      parts: [
        { type: 'reasoning', text: '**Counting letters**\n\nI need to count the r characters.' },
        { type: 'text', text: 'There are three "r"s in "strawberry".' },
      ],
      finishReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 111, reasoningTokens: 100 },
    },
  },
  {
    name: 'parallel calls get ids from the response id; STOP becomes tool_calls; the signature precedes its call',
    input: parallelCallsResponse,
    expected: {
      id: 'r-2',
      model: 'gemini-3-pro-preview',
      parts: [
        { type: 'reasoning', text: '', signature: 'CiQBVKhc7...', signedBy: 'gemini' },
        { type: 'tool_call', id: 'call_r-2_0', name: 'get_current_temperature', arguments: '{"location":"Paris"}' },
        { type: 'tool_call', id: 'call_r-2_1', name: 'get_current_temperature', arguments: '{"location":"London"}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 80, outputTokens: 70, cachedInputTokens: 64, reasoningTokens: 40 },
    },
  },
  {
    name: 'a blocked prompt is a content_filter finish with no parts',
    input: blockedPromptResponse,
    expected: { id: 'r-3', model: 'gemini-2.5-flash', parts: [], finishReason: 'content_filter', usage: { inputTokens: 7, outputTokens: 0 } },
  },
  {
    name: 'a call id Gemini did send is kept',
    input: { candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: 'fc-9', name: 'f', args: {} } }] }, finishReason: 'STOP' }], responseId: 'r-4' },
    expected: { id: 'r-4', model: '', parts: [{ type: 'tool_call', id: 'fc-9', name: 'f', arguments: '{}' }], finishReason: 'tool_calls' },
  },
  {
    name: 'MAX_TOKENS is length; consecutive thought parts merge and keep the closing signature',
    input: { candidates: [{ content: { role: 'model', parts: [{ text: 'a', thought: true }, { text: 'b', thought: true, thoughtSignature: 'S' }, { text: 'partial' }] }, finishReason: 'MAX_TOKENS' }], responseId: 'r-5' },
    expected: { id: 'r-5', model: '', parts: [{ type: 'reasoning', text: 'ab', signature: 'S', signedBy: 'gemini' }, { type: 'text', text: 'partial' }], finishReason: 'length' },
  },
  {
    name: 'MALFORMED_FUNCTION_CALL is an error finish',
    input: { candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'MALFORMED_FUNCTION_CALL' }], responseId: 'r-6' },
    expected: { id: 'r-6', model: '', parts: [], finishReason: 'error' },
  },
];

for (const c of cases) {
  test(`decodeGeminiResponse: ${c.name}`, () => {
    assert.deepEqual(decodeGeminiResponse(c.input), c.expected);
  });
}

test('decodeGeminiResponse: without a response id, call ids come from a hash of the body and are stable', () => {
  const body = { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP' }] };
  const first = decodeGeminiResponse(body);
  const again = decodeGeminiResponse(structuredClone(body));
  const call = first.parts[0];
  assert.ok(call.type === 'tool_call');
  assert.match(call.id, /^call_[0-9a-f]{16}_0$/);
  assert.deepEqual(first, again);
});

// Found by test/faults-upstream-fuzz: a numeric responseId threw a TypeError (an internal error).
test('decodeGeminiResponse: a response id or model version that is not a string is left out, never a throw', () => {
  const body = { candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] }, finishReason: 'STOP' }], responseId: 3.6e306, modelVersion: { v: 1 } };
  assert.deepEqual(decodeGeminiResponse(body), { id: `gemini-${callIdBase(undefined, JSON.stringify(body))}`, model: '', parts: [{ type: 'text', text: 'a' }], finishReason: 'stop' });
});

test('decodeGeminiResponse: a body that is not an object is an upstream error', () => {
  assert.throws(() => decodeGeminiResponse('nope'), { kind: 'upstream_error' });
});

const garbage = [
  { name: 'candidates that are not an array', input: { candidates: 'nope', usageMetadata: 3 } },
  { name: 'a candidate that is not an object', input: { candidates: ['nope'] } },
  { name: 'an empty object: no candidates and no prompt feedback', input: {} },
];

for (const c of garbage) {
  test(`decodeGeminiResponse: ${c.name} is an upstream error, not an empty answer`, () => {
    assert.throws(() => decodeGeminiResponse(c.input), { kind: 'upstream_error', status: 502 });
  });
}

test('decodeGeminiResponse: a malformed part is Gemini\'s fault', () => {
  const body = { candidates: [{ content: { role: 'model', parts: [{ functionCall: { args: {} } }] }, finishReason: 'STOP' }], responseId: 'r' };
  assert.throws(() => decodeGeminiResponse(body), (err: Error & { kind?: string }) => err.kind === 'upstream_error' && /functionCall\.name/.test(err.message));
});
