import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../canonical';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response';

const cases: Array<{ name: string; input: CanonicalResponse; expected: Record<string, unknown> }> = [
  {
    name: 'text with cached and reasoning usage',
    input: { id: 'abc', model: 'up', created: 100, parts: [{ type: 'text', text: 'Hi' }], finishReason: 'stop', usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 80, reasoningTokens: 5 } },
    expected: {
      id: 'chatcmpl-abc', object: 'chat.completion', created: 100, model: 'smart',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 80 }, completion_tokens_details: { reasoning_tokens: 5 } },
    },
  },
  {
    name: 'tool calls only: content null, finish tool_calls',
    input: { id: 'chatcmpl-1', model: 'up', created: 1, parts: [{ type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":1}' }, { type: 'tool_call', id: 'call_2', name: 'g', arguments: '{}' }], finishReason: 'tool_calls' },
    expected: {
      id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'smart',
      choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
        { id: 'call_2', type: 'function', function: { name: 'g', arguments: '{}' } },
      ] }, logprobs: null, finish_reason: 'tool_calls' }],
    },
  },
  {
    name: 'reasoning goes to reasoning_content; stop_sequence becomes stop',
    input: { id: 'x', model: 'up', created: 1, parts: [{ type: 'reasoning', text: 'think', signature: 'sig' }, { type: 'text', text: 'A' }], finishReason: 'stop_sequence', stopSequence: '###' },
    expected: {
      id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'smart',
      choices: [{ index: 0, message: { role: 'assistant', content: 'A', refusal: null, reasoning_content: 'think' }, logprobs: null, finish_reason: 'stop' }],
    },
  },
  {
    name: 'length and refusal finish reasons',
    input: { id: 'x', model: 'up', created: 1, parts: [], finishReason: 'refusal' },
    expected: {
      id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'smart',
      choices: [{ index: 0, message: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: 'content_filter' }],
    },
  },
];

for (const c of cases) {
  test(`encodeOpenAIChatResponse: ${c.name}`, () => {
    assert.deepEqual(encodeOpenAIChatResponse(c.input, 'smart'), c.expected);
  });
}
