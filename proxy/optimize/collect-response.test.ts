import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse, StreamEvent } from '../formats/canonical';
import { ResponseCollector, responseToEvents } from './collect-response';
import { GatewayError } from '../errors';

const rows: Array<{ name: string; events: StreamEvent[]; expected: CanonicalResponse | undefined }> = [
  {
    name: 'text deltas join into one part, usage and finish kept',
    events: [
      { type: 'start', id: 'msg_1', model: 'm' },
      { type: 'text_delta', text: 'Hel' },
      { type: 'text_delta', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 2 } },
      { type: 'finish', reason: 'stop' },
    ],
    expected: { id: 'msg_1', model: 'm', parts: [{ type: 'text', text: 'Hello' }], finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 2 } },
  },
  {
    name: 'signed reasoning keeps its signer (a cached answer replayed to another format must mark it), text and two tool calls by index',
    events: [
      { type: 'start', id: 'x', model: 'm' },
      { type: 'reasoning_delta', text: 'think' },
      { type: 'reasoning_delta', text: '', signature: 'sig', signedBy: 'gemini' },
      { type: 'text_delta', text: 'ok' },
      { type: 'tool_call_start', index: 0, id: 'c1', name: 'a' },
      { type: 'tool_call_start', index: 1, id: 'c2', name: 'b' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '1}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
    expected: {
      id: 'x', model: 'm', finishReason: 'tool_calls',
      parts: [
        { type: 'reasoning', text: 'think', signature: 'sig', signedBy: 'gemini' },
        { type: 'text', text: 'ok' },
        { type: 'tool_call', id: 'c1', name: 'a', arguments: '{"x":1}' },
        { type: 'tool_call', id: 'c2', name: 'b', arguments: '{}' },
      ],
    },
  },
  { name: 'no finish: not complete', events: [{ type: 'start', id: 'x', model: 'm' }, { type: 'text_delta', text: 'par' }], expected: undefined },
  {
    name: 'an error event: not complete',
    events: [{ type: 'start', id: 'x', model: 'm' }, { type: 'error', error: new GatewayError('upstream_error', 'boom') }, { type: 'finish', reason: 'stop' }],
    expected: undefined,
  },
];

for (const row of rows) {
  test(`collect: ${row.name}`, () => {
    const collector = new ResponseCollector();
    collector.addEvents(row.events);
    assert.deepEqual(collector.complete(), row.expected);
  });
}

test('replayed events rebuild the same response', () => {
  const response = rows[1]!.expected!;
  const collector = new ResponseCollector();
  collector.addEvents(responseToEvents({ ...response, usage: { inputTokens: 3, outputTokens: 4 } }));
  assert.deepEqual(collector.complete(), { ...response, usage: { inputTokens: 3, outputTokens: 4 } });
});

test('pass-through frames are decoded with the wire codec (OpenAI chunks)', () => {
  const collector = new ResponseCollector('openai');
  const chunk = (o: unknown) => ({ data: JSON.stringify(o), raw: '' });
  collector.addFrame(chunk({ id: 'c', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' } }] }));
  collector.addFrame(chunk({ id: 'c', model: 'm', choices: [{ index: 0, delta: { content: ' there' }, finish_reason: 'stop' }] }));
  collector.addFrame({ data: '[DONE]', raw: '' });
  const done = collector.complete();
  assert.equal(done?.parts.map((p) => (p.type === 'text' ? p.text : '')).join(''), 'Hi there');
  assert.equal(done?.finishReason, 'stop');
});
