import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../formats/canonical';
import { decodeSseText } from '../../formats/conformance/stream-harness';
import { openaiCodec } from './openai-codec';
import { decodeOpenAIStreamFrame, initialOpenAIStreamState } from './decode-openai-stream-frame';
import { REASONING_STREAM, TEXT_STREAM, TOOL_STREAM } from './fixtures/openai-wire';

const cases: Array<{ name: string; input: string; expected: StreamEvent[] }> = [
  {
    name: 'documented text stream with usage chunk',
    input: TEXT_STREAM,
    expected: [
      { type: 'start', id: 'chatcmpl-123', model: 'gpt-4o-mini' },
      { type: 'text_delta', text: 'Hello' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 9, outputTokens: 1 } },
    ],
  },
  {
    name: 'parallel tool calls',
    input: TOOL_STREAM,
    expected: [
      { type: 'start', id: 'chatcmpl-t', model: 'gpt-4o' },
      { type: 'tool_call_start', index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool_call_start', index: 1, id: 'call_b', name: 'get_time' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{"tz":"CET"}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  {
    name: 'reasoning_content deltas; usage on the finishing chunk comes before finish',
    input: REASONING_STREAM,
    expected: [
      { type: 'start', id: 'r1', model: 'deepseek-reasoner' },
      { type: 'reasoning_delta', text: 'Think' },
      { type: 'text_delta', text: 'Answer' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 20, cachedInputTokens: 4, reasoningTokens: 15 } },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'Azure’s leading prompt-filter chunk does not start the stream',
    input: 'data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}\n\ndata: {"id":"chatcmpl-az","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}\n\n',
    expected: [{ type: 'start', id: 'chatcmpl-az', model: 'gpt-4o' }, { type: 'text_delta', text: 'Hi' }, { type: 'finish', reason: 'stop' }],
  },
  {
    name: 'whole tool call in one chunk without index (some compatible servers)',
    input: 'data: {"id":"w","model":"m","choices":[{"delta":{"tool_calls":[{"id":"c9","function":{"name":"f","arguments":"{\\"a\\":1}"}}]},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n',
    expected: [
      { type: 'start', id: 'w', model: 'm' },
      { type: 'tool_call_start', index: 0, id: 'c9', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":1}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  {
    name: 'a call without parameters streamed as "arguments": "" (some compatible servers) gets {} once the next call starts',
    input: [
      'data: {"id":"e","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"now","arguments":""}}]},"finish_reason":null}]}\n\n',
      'data: {"id":"e","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"c2","type":"function","function":{"name":"add","arguments":"{\\"a\\":"}}]},"finish_reason":null}]}\n\n',
      'data: {"id":"e","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"1}"}}]},"finish_reason":null}]}\n\n',
      'data: {"id":"e","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\n',
      'data: [DONE]\n\n',
    ].join(''),
    expected: [
      { type: 'start', id: 'e', model: 'm' },
      { type: 'tool_call_start', index: 0, id: 'c1', name: 'now' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{}' },
      { type: 'tool_call_start', index: 1, id: 'c2', name: 'add' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{"a":' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '1}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  {
    name: 'the last call without parameters gets {} when the choice finishes',
    input: 'data: {"id":"f","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"now","arguments":""}}]},"finish_reason":null}]}\n\ndata: {"id":"f","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n',
    expected: [
      { type: 'start', id: 'f', model: 'm' },
      { type: 'tool_call_start', index: 0, id: 'c1', name: 'now' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
];

for (const c of cases) {
  test(`decodeOpenAIStreamFrame: ${c.name}`, () => {
    assert.deepEqual(decodeSseText(openaiCodec, c.input), c.expected);
  });
}

test('decodeOpenAIStreamFrame: an error frame becomes a classified error event', () => {
  const step = decodeOpenAIStreamFrame(initialOpenAIStreamState(), { data: '{"error":{"message":"Rate limit","type":"rate_limit_error","code":"rate_limit_exceeded"}}', raw: '' });
  assert.equal(step.events.length, 1);
  const event = step.events[0];
  assert.ok(event.type === 'error');
  assert.equal(event.error.kind, 'rate_limited');
  assert.equal(event.error.message, 'Rate limit');
});

test('decodeOpenAIStreamFrame: [DONE] and keep-alive frames yield nothing', () => {
  const state = initialOpenAIStreamState();
  assert.deepEqual(decodeOpenAIStreamFrame(state, { data: '[DONE]', raw: '' }).events, []);
  assert.deepEqual(decodeOpenAIStreamFrame(state, { data: '', raw: '' }).events, []);
});

test('decodeOpenAIStreamFrame is pure: the input state is not mutated', () => {
  const state = initialOpenAIStreamState();
  const frame = { data: '{"id":"a","choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f"}}]}}]}', raw: '' };
  decodeOpenAIStreamFrame(state, frame);
  assert.deepEqual(state, initialOpenAIStreamState());
});
