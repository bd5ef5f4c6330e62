import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../canonical';
import { encodeAnthropicResponse } from './encode-anthropic-response';

const cases: Array<{ name: string; input: CanonicalResponse; expected: Record<string, unknown> }> = [
  {
    name: 'text; input_tokens excludes cache reads and writes',
    input: { id: 'chatcmpl-1', model: 'gpt-4o', parts: [{ type: 'text', text: 'Hi' }], finishReason: 'stop', usage: { inputTokens: 1000, outputTokens: 7, cachedInputTokens: 600, cacheWriteTokens: 300 } },
    expected: {
      id: 'msg_chatcmpl-1', type: 'message', role: 'assistant', model: 'smart', content: [{ type: 'text', text: 'Hi' }], stop_reason: 'end_turn', stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 7, cache_creation_input_tokens: 300, cache_read_input_tokens: 600 },
    },
  },
  {
    name: 'thinking, redacted thinking, tool use',
    input: {
      id: 'msg_1', model: 'claude', finishReason: 'tool_calls',
      parts: [{ type: 'reasoning', text: 'hmm', signature: 'sig' }, { type: 'reasoning', text: '', redacted: 'xyz' }, { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"a":[1]}' }],
    },
    expected: {
      id: 'msg_1', type: 'message', role: 'assistant', model: 'smart', stop_reason: 'tool_use', stop_sequence: null,
      content: [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }, { type: 'redacted_thinking', data: 'xyz' }, { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: [1] } }],
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  },
  {
    name: 'a Gemini signature goes behind its marker; Anthropic\'s own stays byte for byte',
    input: {
      id: 'msg_3', model: 'gemini', finishReason: 'stop',
      parts: [{ type: 'reasoning', text: 'g', signature: 'CiQBjz1r', signedBy: 'gemini' }, { type: 'reasoning', text: 'a', signature: 'EqQB+/==', signedBy: 'anthropic' }, { type: 'text', text: 'ok' }],
    },
    expected: {
      id: 'msg_3', type: 'message', role: 'assistant', model: 'smart', stop_reason: 'end_turn', stop_sequence: null,
      content: [{ type: 'thinking', thinking: 'g', signature: 'c3dpdGNoeWFyZC1zaWduZWQtYnk6Z2VtaW5pOjo6CiQBjz1r' }, { type: 'thinking', thinking: 'a', signature: 'EqQB+/==' }, { type: 'text', text: 'ok' }],
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  },
  {
    name: 'stop sequence, and malformed tool arguments are kept rather than lost',
    input: { id: 'msg_2', model: 'm', finishReason: 'stop_sequence', stopSequence: '###', parts: [{ type: 'tool_call', id: 't', name: 'f', arguments: '{"a":' }] },
    expected: {
      id: 'msg_2', type: 'message', role: 'assistant', model: 'smart', stop_reason: 'stop_sequence', stop_sequence: '###',
      content: [{ type: 'tool_use', id: 't', name: 'f', input: { _raw_arguments: '{"a":' } }],
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  },
  {
    name: 'length and refusal',
    input: { id: 'msg_3', model: 'm', finishReason: 'length', parts: [] },
    expected: {
      id: 'msg_3', type: 'message', role: 'assistant', model: 'smart', stop_reason: 'max_tokens', stop_sequence: null, content: [],
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  },
];

for (const c of cases) {
  test(`encodeAnthropicResponse: ${c.name}`, () => {
    assert.deepEqual(encodeAnthropicResponse(c.input, 'smart'), c.expected);
  });
}
