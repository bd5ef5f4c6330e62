import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../../formats/canonical';
import { decodeOpenAIResponse } from './decode-openai-response';
import { CACHED_REASONING_COMPLETION, CHAT_COMPLETION, TOOL_CALL_COMPLETION } from './fixtures/openai-wire';

const cases: Array<{ name: string; input: unknown; expected: CanonicalResponse }> = [
  {
    name: 'documented text completion',
    input: CHAT_COMPLETION,
    expected: { id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', model: 'gpt-4.1-2025-04-14', created: 1741569952, parts: [{ type: 'text', text: 'Hello! How can I assist you today?' }], finishReason: 'stop', usage: { inputTokens: 19, outputTokens: 10 } },
  },
  {
    name: 'documented tool call completion',
    input: TOOL_CALL_COMPLETION,
    expected: { id: 'chatcmpl-abc123', model: 'gpt-4o-mini', created: 1699896916, parts: [{ type: 'tool_call', id: 'call_abc123', name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' }], finishReason: 'tool_calls', usage: { inputTokens: 82, outputTokens: 17 } },
  },
  {
    name: 'cached and reasoning token details, length finish',
    input: CACHED_REASONING_COMPLETION,
    expected: { id: 'chatcmpl-o3', model: 'o3-mini', created: 1741570000, parts: [{ type: 'text', text: '42' }], finishReason: 'length', usage: { inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920, reasoningTokens: 256 } },
  },
  {
    name: 'reasoning_content (DeepSeek) and refusal',
    input: { id: 'r', model: 'deepseek-reasoner', choices: [{ index: 0, message: { role: 'assistant', content: null, reasoning_content: 'why', refusal: 'I cannot.' }, finish_reason: 'stop' }] },
    expected: { id: 'r', model: 'deepseek-reasoner', parts: [{ type: 'reasoning', text: 'why' }, { type: 'text', text: 'I cannot.' }], finishReason: 'refusal' },
  },
  {
    name: '`reasoning` (OpenRouter) and content_filter',
    input: { id: 'o', model: 'x', choices: [{ message: { content: 'cut', reasoning: 'r' }, finish_reason: 'content_filter' }] },
    expected: { id: 'o', model: 'x', parts: [{ type: 'reasoning', text: 'r' }, { type: 'text', text: 'cut' }], finishReason: 'content_filter' },
  },
];

for (const c of cases) {
  test(`decodeOpenAIResponse: ${c.name}`, () => {
    assert.deepEqual(decodeOpenAIResponse(c.input), c.expected);
  });
}

test('decodeOpenAIResponse: a body without choices is an upstream error', () => {
  assert.throws(() => decodeOpenAIResponse({ id: 'x' }), /without choices/);
});
