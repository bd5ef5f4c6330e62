import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { StreamEvent } from '../canonical';
import { encodeOpenAIChatStreamEvent, endOpenAIChatStream, initialOpenAIChatStreamState } from './encode-openai-chat-stream';

function run(events: StreamEvent[], clientBody?: unknown): unknown[] {
  let state = initialOpenAIChatStreamState('smart', clientBody, 1_700_000_000_000);
  let out = '';
  for (const event of events) {
    const step = encodeOpenAIChatStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  out += endOpenAIChatStream(state);
  return out.split('\n\n').filter(Boolean).map((frame) => {
    assert.ok(frame.startsWith('data: '), frame);
    const data = frame.slice(6);
    return data === '[DONE]' ? data : JSON.parse(data);
  });
}

const base = { id: 'chatcmpl-up1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'smart' };
const choice = (delta: unknown, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 };
const wireUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 0 } };

const cases: Array<{ name: string; events: StreamEvent[]; body?: unknown; expected: unknown[] }> = [
  {
    name: 'text without include_usage: no usage chunk',
    events: [{ type: 'start', id: 'up1', model: 'u' }, { type: 'text_delta', text: 'Hel' }, { type: 'text_delta', text: 'lo' }, { type: 'finish', reason: 'stop' }, { type: 'usage', usage }],
    expected: [choice({ role: 'assistant', content: '' }), choice({ content: 'Hel' }), choice({ content: 'lo' }), choice({}, 'stop'), '[DONE]'],
  },
  {
    name: 'include_usage: usage: null on every chunk, then a choices: [] usage chunk',
    body: { stream_options: { include_usage: true } },
    events: [{ type: 'start', id: 'up1', model: 'u' }, { type: 'text_delta', text: 'Hi' }, { type: 'usage', usage }, { type: 'finish', reason: 'length' }],
    expected: [
      { ...choice({ role: 'assistant', content: '' }), usage: null },
      { ...choice({ content: 'Hi' }), usage: null },
      { ...choice({}, 'length'), usage: null },
      { ...base, choices: [], usage: wireUsage },
      '[DONE]',
    ],
  },
  {
    name: 'parallel tool calls: sparse canonical indexes become 0 and 1',
    events: [
      { type: 'start', id: 'up1', model: 'u' },
      { type: 'tool_call_start', index: 3, id: 'call_a', name: 'f' },
      { type: 'tool_call_delta', index: 3, argumentsDelta: '{"a":' },
      { type: 'tool_call_delta', index: 3, argumentsDelta: '1}' },
      { type: 'tool_call_start', index: 7, id: 'call_b', name: 'g' },
      { type: 'tool_call_delta', index: 7, argumentsDelta: '{}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
    expected: [
      choice({ role: 'assistant', content: '' }),
      choice({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      choice({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '' } }] }),
      choice({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      choice({}, 'tool_calls'),
      '[DONE]',
    ],
  },
  {
    name: 'reasoning text as reasoning_content; signature-only deltas write nothing',
    events: [{ type: 'start', id: 'up1', model: 'u' }, { type: 'reasoning_delta', text: 'hmm' }, { type: 'reasoning_delta', text: '', signature: 's' }, { type: 'text_delta', text: 'A' }, { type: 'finish', reason: 'stop' }],
    expected: [choice({ role: 'assistant', content: '' }), choice({ reasoning_content: 'hmm' }), choice({ content: 'A' }), choice({}, 'stop'), '[DONE]'],
  },
  {
    name: 'error mid-stream: error frame, nothing after it but [DONE]',
    body: { stream_options: { include_usage: true } },
    events: [
      { type: 'start', id: 'up1', model: 'u' },
      { type: 'text_delta', text: 'par' },
      { type: 'error', error: new GatewayError('upstream_error', 'upstream stream broke', { status: 502 }) },
      { type: 'text_delta', text: 'ignored' },
      { type: 'usage', usage },
    ],
    expected: [
      { ...choice({ role: 'assistant', content: '' }), usage: null },
      { ...choice({ content: 'par' }), usage: null },
      { error: { message: 'upstream stream broke', type: 'api_error', param: null, code: 'upstream_error' } },
      '[DONE]',
    ],
  },
];

for (const c of cases) {
  test(`encodeOpenAIChatStreamEvent: ${c.name}`, () => {
    const ids = new Set<string>();
    const frames = run(c.events, c.body);
    for (const frame of frames) if (typeof frame === 'object' && frame && 'id' in frame) ids.add((frame as { id: string }).id);
    assert.ok(ids.size <= 1, 'every chunk carries the same id');
    assert.deepEqual(frames, c.expected);
  });
}

test('encodeOpenAIChatStreamEvent: deltas before any start still open with the role chunk', () => {
  const frames = run([{ type: 'text_delta', text: 'x' }, { type: 'finish', reason: 'stop' }]);
  assert.deepEqual((frames[0] as { choices: Array<{ delta: unknown }> }).choices[0].delta, { role: 'assistant', content: '' });
  assert.equal(frames.length, 4);
});

test('encodeOpenAIChatStreamEvent is pure: the input state is not mutated', () => {
  const state = initialOpenAIChatStreamState('smart', undefined, 0);
  const snapshot = JSON.stringify(state);
  encodeOpenAIChatStreamEvent(state, { type: 'tool_call_start', index: 0, id: 'c', name: 'f' });
  assert.equal(JSON.stringify(state), snapshot);
});
