import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../formats/canonical';
import { decodeSseText } from '../../formats/conformance/stream-harness';
import { anthropicCodec } from './anthropic-codec';
import { OVERLOADED_STREAM_ERROR, THINKING_STREAM, TOOL_STREAM } from './fixtures/anthropic-wire';

const cases: Array<{ name: string; input: string; expected: StreamEvent[] }> = [
  {
    name: 'documented text + tool_use stream',
    input: TOOL_STREAM,
    expected: [
      { type: 'start', id: 'msg_014p7gG3wDgGV9EUtLvnow3U', model: 'claude-opus-4-1-20250805', usage: { inputTokens: 472, outputTokens: 2 } },
      { type: 'text_delta', text: 'Okay' },
      { type: 'text_delta', text: ", let's check" },
      { type: 'tool_call_start', index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"location":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: ' "San Francisco, CA"}' },
      { type: 'usage', usage: { inputTokens: 472, outputTokens: 89 } },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  {
    name: 'thinking stream with signature and cache reads',
    input: THINKING_STREAM,
    expected: [
      { type: 'start', id: 'msg_01thinking', model: 'claude-sonnet-4-20250514', usage: { inputTokens: 100, outputTokens: 1, cachedInputTokens: 90 } },
      { type: 'reasoning_delta', text: '27 * 453 = 12231' },
      { type: 'reasoning_delta', text: '', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds', signedBy: 'anthropic' },
      { type: 'text_delta', text: '27 * 453 = 12,231' },
      { type: 'usage', usage: { inputTokens: 100, outputTokens: 40, cachedInputTokens: 90 } },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'forced JSON tool streams as text',
    input: [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_j","model":"c","usage":{"input_tokens":3,"output_tokens":1}}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_j","name":"switchyard_json_output","input":{}}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":"}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"1}"}}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}\n\n',
    ].join(''),
    expected: [
      { type: 'start', id: 'msg_j', model: 'c', usage: { inputTokens: 3, outputTokens: 1 } },
      { type: 'text_delta', text: '{"a":' },
      { type: 'text_delta', text: '1}' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 9 } },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'tools without parameters stream no input text, yet their arguments are {}',
    input: [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1,"output_tokens":1}}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t1","name":"now","input":{}}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t2","name":"today","input":{}}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"t3","name":"add","input":{}}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":1}"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":2}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ].join(''),
    expected: [
      { type: 'start', id: 'm', model: 'c', usage: { inputTokens: 1, outputTokens: 1 } },
      { type: 'tool_call_start', index: 0, id: 't1', name: 'now' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{}' },
      { type: 'tool_call_start', index: 1, id: 't2', name: 'today' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool_call_start', index: 2, id: 't3', name: 'add' },
      { type: 'tool_call_delta', index: 2, argumentsDelta: '{"a":1}' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 9 } },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  {
    name: 'redacted thinking and stop sequence',
    input: [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1,"output_tokens":1}}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"opaque"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"###"},"usage":{"output_tokens":2}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ].join(''),
    expected: [
      { type: 'start', id: 'm', model: 'c', usage: { inputTokens: 1, outputTokens: 1 } },
      { type: 'reasoning_delta', text: '', redacted: 'opaque' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } },
      { type: 'finish', reason: 'stop_sequence', stopSequence: '###' },
    ],
  },
];

for (const c of cases) {
  test(`decodeAnthropicStreamFrame: ${c.name}`, () => {
    assert.deepEqual(decodeSseText(anthropicCodec, c.input), c.expected);
  });
}

test('decodeAnthropicStreamFrame: overloaded error event is a retryable upstream error', () => {
  const events = decodeSseText(anthropicCodec, OVERLOADED_STREAM_ERROR);
  assert.equal(events.length, 1);
  const event = events[0];
  assert.ok(event.type === 'error');
  assert.equal(event.error.kind, 'upstream_error');
  assert.equal(event.error.status, 529);
  assert.equal(event.error.upstreamType, 'overloaded_error');
});

const errorEvents: Array<{ name: string; input: { event?: string; data: string }; expected: number }> = [
  { name: 'an error event without data', input: { event: 'error', data: '' }, expected: 1 },
  { name: 'an error event whose data is a number', input: { event: 'error', data: '42' }, expected: 1 },
  { name: 'an error event whose data is null', input: { event: 'error', data: 'null' }, expected: 1 },
  { name: 'a ping without data', input: { event: 'ping', data: '' }, expected: 0 },
  { name: 'another event whose data is a number', input: { event: 'content_block_delta', data: '42' }, expected: 0 },
];

for (const row of errorEvents) {
  test(`decodeAnthropicStreamFrame: ${row.name} ${row.expected ? 'fails the stream' : 'carries nothing'}`, () => {
    const step = anthropicCodec.decodeStreamFrame(anthropicCodec.initialStreamState(), { ...row.input, raw: '' });
    assert.deepEqual(step.events.map((e) => e.type === 'error' && e.error.kind), Array(row.expected).fill('upstream_error'));
  });
}

test('decodeAnthropicStreamFrame is pure: the input state is not mutated', () => {
  const state = anthropicCodec.initialStreamState();
  const before = JSON.stringify(state);
  anthropicCodec.decodeStreamFrame(state, { event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}}', raw: '' });
  assert.equal(JSON.stringify(state), before);
});
