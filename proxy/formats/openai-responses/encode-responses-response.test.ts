import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../canonical';
import { encodeResponsesResponse } from './encode-responses-response';

const common = { id: 'chatcmpl-42', model: 'upstream-model', created: 1741476542 };

const cases: Array<{ name: string; input: CanonicalResponse; expected: Record<string, unknown> }> = [
  {
    name: 'text with usage',
    input: { ...common, parts: [{ type: 'text', text: 'In a peaceful grove' }, { type: 'text', text: '…' }], finishReason: 'stop', usage: { inputTokens: 36, outputTokens: 87, cachedInputTokens: 10 } },
    expected: {
      id: 'resp_chatcmpl-42', status: 'completed', error: null, incomplete_details: null, created_at: 1741476542, model: 'smart',
      output: [{ type: 'message', id: 'msg_chatcmpl-42_0', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'In a peaceful grove…', annotations: [] }] }],
      usage: { input_tokens: 36, input_tokens_details: { cached_tokens: 10 }, output_tokens: 87, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 123 },
    },
  },
  {
    name: 'reasoning, text and function calls become items in order; signatures ride in encrypted_content',
    input: {
      ...common, finishReason: 'tool_calls',
      parts: [
        { type: 'reasoning', text: 'Need the weather.', signature: 'EqQB' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
        { type: 'tool_call', id: 'call_2', name: 'get_weather', arguments: '{"location":"Rome"}' },
      ],
      usage: { inputTokens: 10, outputTokens: 40, reasoningTokens: 25 },
    },
    expected: {
      id: 'resp_chatcmpl-42', status: 'completed', error: null, incomplete_details: null, created_at: 1741476542, model: 'smart',
      output: [
        { type: 'reasoning', id: 'rs_chatcmpl-42_0', summary: [{ type: 'summary_text', text: 'Need the weather.' }], encrypted_content: 'switchyard-signature:EqQB' },
        { type: 'message', id: 'msg_chatcmpl-42_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.', annotations: [] }] },
        { type: 'function_call', id: 'fc_chatcmpl-42_2', status: 'completed', call_id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
        { type: 'function_call', id: 'fc_chatcmpl-42_3', status: 'completed', call_id: 'call_2', name: 'get_weather', arguments: '{"location":"Rome"}' },
      ],
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 40, output_tokens_details: { reasoning_tokens: 25 }, total_tokens: 50 },
    },
  },
  {
    name: 'max tokens is incomplete with its reason; the cut message is incomplete too',
    input: { ...common, id: 'resp_keep', parts: [{ type: 'text', text: 'cut' }], finishReason: 'length' },
    expected: {
      id: 'resp_keep', status: 'incomplete', error: null, incomplete_details: { reason: 'max_output_tokens' }, created_at: 1741476542, model: 'smart',
      output: [{ type: 'message', id: 'msg_keep_0', status: 'incomplete', role: 'assistant', content: [{ type: 'output_text', text: 'cut', annotations: [] }] }],
      usage: null,
    },
  },
  {
    name: 'a content filter is incomplete; redacted reasoning keeps its data and has no summary',
    input: { ...common, id: 'msg_01/x', parts: [{ type: 'reasoning', text: '', redacted: 'EmwKAhgB' }], finishReason: 'content_filter' },
    expected: {
      id: 'resp_msg_01x', status: 'incomplete', error: null, incomplete_details: { reason: 'content_filter' }, created_at: 1741476542, model: 'smart',
      output: [{ type: 'reasoning', id: 'rs_msg_01x_0', summary: [], encrypted_content: 'switchyard-redacted:EmwKAhgB' }],
      usage: null,
    },
  },
  {
    name: 'an error finish is a failed response with an error',
    input: { ...common, parts: [], finishReason: 'error' },
    expected: {
      id: 'resp_chatcmpl-42', status: 'failed', error: { code: 'server_error', message: 'the upstream model ended its turn without a usable answer' }, incomplete_details: null, created_at: 1741476542, model: 'smart',
      output: [], usage: null,
    },
  },
];

for (const c of cases) {
  test(`encodeResponsesResponse: ${c.name}`, () => {
    const body = encodeResponsesResponse(c.input, 'smart');
    assert.equal(body.object, 'response');
    const picked = Object.fromEntries(Object.keys(c.expected).map((k) => [k, body[k]]));
    assert.deepEqual(picked, c.expected);
  });
}
