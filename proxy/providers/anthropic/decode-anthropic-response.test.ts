import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../../formats/canonical';
import { anthropicCodec } from './anthropic-codec';
import { MESSAGE, THINKING_CACHED_MESSAGE, TOOL_USE_MESSAGE } from './fixtures/anthropic-wire';

const cases: Array<{ name: string; input: unknown; expected: CanonicalResponse }> = [
  {
    name: 'documented text message',
    input: MESSAGE,
    expected: { id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF', model: 'claude-sonnet-4-20250514', parts: [{ type: 'text', text: 'Hi! My name is Claude.' }], finishReason: 'stop', usage: { inputTokens: 2095, outputTokens: 503 } },
  },
  {
    name: 'documented tool use',
    input: TOOL_USE_MESSAGE,
    expected: {
      id: 'msg_01Aq9w938a90dw8q', model: 'claude-sonnet-4-20250514', finishReason: 'tool_calls', usage: { inputTokens: 472, outputTokens: 89 },
      parts: [{ type: 'text', text: "I'll check the weather." }, { type: 'tool_call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' }],
    },
  },
  {
    name: 'thinking, redacted thinking, stop sequence, cache reads and writes fold into inputTokens',
    input: THINKING_CACHED_MESSAGE,
    expected: {
      id: 'msg_think', model: 'claude-sonnet-4-20250514', finishReason: 'stop_sequence', stopSequence: '###',
      usage: { inputTokens: 21 + 188086 + 1000, outputTokens: 393, cachedInputTokens: 1000, cacheWriteTokens: 188086 },
      parts: [
        { type: 'reasoning', text: 'Let me analyze this step by step...', signature: THINKING_CACHED_MESSAGE.content[0].signature as string, signedBy: 'anthropic' },
        { type: 'reasoning', text: '', redacted: THINKING_CACHED_MESSAGE.content[1].data as string },
        { type: 'text', text: 'Based on my analysis...' },
      ],
    },
  },
  {
    name: 'the forced JSON tool comes back as text with a plain stop',
    input: { id: 'msg_j', model: 'c', content: [{ type: 'tool_use', id: 'toolu_j', name: 'switchyard_json_output', input: { name: 'Ada' } }], stop_reason: 'tool_use', usage: { input_tokens: 5, output_tokens: 6 } },
    expected: { id: 'msg_j', model: 'c', parts: [{ type: 'text', text: '{"name":"Ada"}' }], finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 6 } },
  },
  {
    name: 'max_tokens and refusal',
    input: { id: 'msg_r', model: 'c', content: [], stop_reason: 'refusal', usage: { input_tokens: 1, output_tokens: 0 } },
    expected: { id: 'msg_r', model: 'c', parts: [], finishReason: 'refusal', usage: { inputTokens: 1, outputTokens: 0 } },
  },
];

for (const c of cases) {
  test(`decodeAnthropicResponse: ${c.name}`, () => {
    assert.deepEqual(anthropicCodec.decodeResponse(c.input), c.expected);
  });
}

test('usageFromResponse normalises a native body', () => {
  assert.deepEqual(anthropicCodec.usageFromResponse(THINKING_CACHED_MESSAGE), { inputTokens: 189107, outputTokens: 393, cachedInputTokens: 1000, cacheWriteTokens: 188086 });
});
