import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { StreamEvent } from '../canonical';
import { encodeAnthropicStreamEvent, endAnthropicStream, initialAnthropicStreamState } from './encode-anthropic-stream';

/** [event name, data] pairs, checking each frame's `event:` matches its data's `type`. */
function run(events: StreamEvent[]): Array<[string, Record<string, unknown>]> {
  let state = initialAnthropicStreamState('smart', 0);
  let out = '';
  for (const event of events) {
    const step = encodeAnthropicStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  out += endAnthropicStream(state);
  return out.split('\n\n').filter(Boolean).map((frame) => {
    const [eventLine, dataLine] = frame.split('\n');
    assert.match(eventLine, /^event: /);
    assert.match(dataLine, /^data: /);
    const data = JSON.parse(dataLine.slice(6));
    assert.equal(data.type, eventLine.slice(7));
    return [eventLine.slice(7), data];
  });
}

const zeroUsage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const start = (usage = zeroUsage): Array<[string, Record<string, unknown>]> => [
  ['message_start', { type: 'message_start', message: { id: 'msg_up', type: 'message', role: 'assistant', model: 'smart', content: [], stop_reason: null, stop_sequence: null, usage } }],
  ['ping', { type: 'ping' }],
];
const blockStart = (index: number, block: unknown): [string, Record<string, unknown>] => ['content_block_start', { type: 'content_block_start', index, content_block: block }];
const delta = (index: number, d: unknown): [string, Record<string, unknown>] => ['content_block_delta', { type: 'content_block_delta', index, delta: d }];
const blockStop = (index: number): [string, Record<string, unknown>] => ['content_block_stop', { type: 'content_block_stop', index }];
const end = (stopReason: string, usage = zeroUsage, stopSequence: string | null = null): Array<[string, Record<string, unknown>]> => [
  ['message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: stopSequence }, usage }],
  ['message_stop', { type: 'message_stop' }],
];

const cases: Array<{ name: string; events: StreamEvent[]; expected: Array<[string, Record<string, unknown>]> }> = [
  {
    name: 'text, with usage arriving after finish (OpenAI upstream order)',
    events: [
      { type: 'start', id: 'up', model: 'gpt-4o' },
      { type: 'text_delta', text: 'Hel' },
      { type: 'text_delta', text: 'lo' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 120, outputTokens: 5, cachedInputTokens: 100 } },
    ],
    expected: [
      ...start(),
      blockStart(0, { type: 'text', text: '' }), delta(0, { type: 'text_delta', text: 'Hel' }), delta(0, { type: 'text_delta', text: 'lo' }), blockStop(0),
      ...end('end_turn', { input_tokens: 20, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 100 }),
    ],
  },
  {
    name: 'thinking with signature, text, then two tool calls',
    events: [
      { type: 'start', id: 'msg_up', model: 'claude', usage: { inputTokens: 50, outputTokens: 1 } },
      { type: 'reasoning_delta', text: 'Let me' },
      { type: 'reasoning_delta', text: ' think' },
      { type: 'reasoning_delta', text: '', signature: 'sig==' },
      { type: 'text_delta', text: 'Checking.' },
      { type: 'tool_call_start', index: 0, id: 'toolu_a', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '1}' },
      { type: 'tool_call_start', index: 1, id: 'toolu_b', name: 'g' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'usage', usage: { inputTokens: 50, outputTokens: 30 } },
      { type: 'finish', reason: 'tool_calls' },
    ],
    expected: [
      ...start({ input_tokens: 50, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }),
      blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
      delta(0, { type: 'thinking_delta', thinking: 'Let me' }), delta(0, { type: 'thinking_delta', thinking: ' think' }), delta(0, { type: 'signature_delta', signature: 'sig==' }),
      blockStop(0),
      blockStart(1, { type: 'text', text: '' }), delta(1, { type: 'text_delta', text: 'Checking.' }), blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_a', name: 'f', input: {} }),
      delta(2, { type: 'input_json_delta', partial_json: '{"a":' }), delta(2, { type: 'input_json_delta', partial_json: '1}' }),
      blockStop(2),
      blockStart(3, { type: 'tool_use', id: 'toolu_b', name: 'g', input: {} }), delta(3, { type: 'input_json_delta', partial_json: '{}' }), blockStop(3),
      ...end('tool_use', { input_tokens: 50, output_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }),
    ],
  },
  {
    name: 'a Gemini signature reaches the client behind its marker',
    events: [
      { type: 'start', id: 'up', model: 'm' },
      { type: 'reasoning_delta', text: 'Plan', signature: 'CiQBjz1r', signedBy: 'gemini' },
      { type: 'finish', reason: 'stop' },
    ],
    expected: [
      ...start(),
      blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
      delta(0, { type: 'thinking_delta', thinking: 'Plan' }), delta(0, { type: 'signature_delta', signature: 'c3dpdGNoeWFyZC1zaWduZWQtYnk6Z2VtaW5pOjo6CiQBjz1r' }),
      blockStop(0),
      ...end('end_turn', zeroUsage),
    ],
  },
  {
    name: 'redacted thinking is a block of its own; stop sequence reaches message_delta',
    events: [
      { type: 'start', id: 'up', model: 'm' },
      { type: 'reasoning_delta', text: '', redacted: 'opaque' },
      { type: 'text_delta', text: 'x' },
      { type: 'finish', reason: 'stop_sequence', stopSequence: '###' },
    ],
    expected: [
      ...start(),
      blockStart(0, { type: 'redacted_thinking', data: 'opaque' }), blockStop(0),
      blockStart(1, { type: 'text', text: '' }), delta(1, { type: 'text_delta', text: 'x' }), blockStop(1),
      ...end('stop_sequence', zeroUsage, '###'),
    ],
  },
  {
    name: 'error mid-stream: an error event and nothing after',
    events: [
      { type: 'start', id: 'up', model: 'm' },
      { type: 'text_delta', text: 'x' },
      { type: 'error', error: new GatewayError('upstream_error', 'Overloaded', { status: 529, upstreamType: 'overloaded_error' }) },
      { type: 'text_delta', text: 'y' },
    ],
    expected: [
      ...start(),
      blockStart(0, { type: 'text', text: '' }), delta(0, { type: 'text_delta', text: 'x' }),
      ['error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    ],
  },
  {
    name: 'a stream with no events still forms a complete message',
    events: [],
    expected: [...start(), ...end('end_turn')],
  },
];

for (const c of cases) {
  test(`encodeAnthropicStreamEvent: ${c.name}`, () => {
    const frames = run(c.events);
    const fixed = frames.map(([name, data]) => {
      if (name !== 'message_start') return [name, data];
      const message = data.message as Record<string, unknown>;
      return [name, { ...data, message: { ...message, id: 'msg_up' } }];
    });
    assert.deepEqual(fixed, c.expected);
  });
}

test('encodeAnthropicStreamEvent: upstream ids get the msg_ prefix', () => {
  const frames = run([{ type: 'start', id: 'chatcmpl-9', model: 'gpt' }]);
  assert.equal((frames[0][1].message as { id: string }).id, 'msg_chatcmpl-9');
});
