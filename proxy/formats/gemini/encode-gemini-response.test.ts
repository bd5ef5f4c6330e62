import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../canonical';
import { encodeGeminiResponse } from './encode-gemini-response';

const cases: Array<{ name: string; input: CanonicalResponse; expected: unknown }> = [
  {
    name: 'text with usage: reasoning tokens move from candidates to thoughts',
    input: { id: 'chatcmpl-1', model: 'gpt-x', parts: [{ type: 'text', text: 'Hello' }], finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 25, cachedInputTokens: 4, reasoningTokens: 20 } },
    expected: {
      candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 35, cachedContentTokenCount: 4, thoughtsTokenCount: 20 },
      modelVersion: 'smart',
      responseId: 'chatcmpl-1',
    },
  },
  {
    name: 'thinking, then a function call carrying its signature and our call id',
    input: {
      id: 'msg_1', model: 'claude', finishReason: 'tool_calls',
      parts: [{ type: 'reasoning', text: 'Need weather.', signature: 'EqQB' }, { type: 'reasoning', text: '', signature: 'next' }, { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
    },
    expected: {
      candidates: [{ content: { role: 'model', parts: [{ text: 'Need weather.', thought: true, thoughtSignature: 'EqQB' }, { functionCall: { name: 'get_weather', args: { city: 'Oslo' }, id: 'toolu_1' }, thoughtSignature: 'next' }] }, finishReason: 'STOP', index: 0 }],
      modelVersion: 'smart',
      responseId: 'msg_1',
    },
  },
  {
    name: 'length is MAX_TOKENS; a trailing signature joins the text before it',
    input: { id: 'r', model: 'm', finishReason: 'length', parts: [{ type: 'text', text: 'cut' }, { type: 'reasoning', text: '', signature: 'S' }] },
    expected: { candidates: [{ content: { role: 'model', parts: [{ text: 'cut', thoughtSignature: 'S' }] }, finishReason: 'MAX_TOKENS', index: 0 }], modelVersion: 'smart', responseId: 'r' },
  },
  {
    name: 'content_filter is SAFETY and redacted reasoning has no Gemini form',
    input: { id: 'r', model: 'm', finishReason: 'content_filter', parts: [{ type: 'reasoning', text: '', redacted: 'xyz' }] },
    expected: { candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'SAFETY', index: 0 }], modelVersion: 'smart', responseId: 'r' },
  },
];

for (const c of cases) {
  test(`encodeGeminiResponse: ${c.name}`, () => {
    assert.deepEqual(encodeGeminiResponse(c.input, 'smart'), c.expected);
  });
}
