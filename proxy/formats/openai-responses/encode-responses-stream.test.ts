import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { StreamEvent } from '../canonical';
import { encodeResponsesStreamEvent, endResponsesStream, initialResponsesStreamState, type ResponsesStreamState } from './encode-responses-stream';

type Frame = Record<string, unknown> & { type: string; sequence_number: number };

/** Runs events through the encoder and parses every SSE frame written, checking the framing on the way. */
function run(events: StreamEvent[]): Frame[] {
  let state: ResponsesStreamState = { ...initialResponsesStreamState('smart'), createdAt: 1741290958 };
  let out = '';
  for (const event of events) {
    const step = encodeResponsesStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  out += endResponsesStream(state);
  const frames = out.split('\n\n').filter((f) => f !== '').map((f) => {
    const [eventLine, dataLine, ...rest] = f.split('\n');
    assert.deepEqual(rest, []);
    assert.ok(eventLine.startsWith('event: ') && dataLine.startsWith('data: '), `bad frame ${f}`);
    const data = JSON.parse(dataLine.slice(6)) as Frame;
    assert.equal(data.type, eventLine.slice(7));
    return data;
  });
  frames.forEach((f, i) => assert.equal(f.sequence_number, i, 'sequence numbers count up from 0'));
  return frames;
}

/** A frame without the fields every test would repeat. */
function brief(frame: Frame): Record<string, unknown> {
  const { sequence_number: _seq, response, ...rest } = frame;
  if (response) {
    const r = response as Record<string, unknown>;
    return { ...rest, response: { status: r.status, output: r.output, usage: r.usage, ...(r.incomplete_details ? { incomplete_details: r.incomplete_details } : {}), ...(r.error ? { error: r.error } : {}) } };
  }
  return rest;
}

const start: StreamEvent = { type: 'start', id: 'resp_67c9', model: 'up' };
const inProgress = { status: 'in_progress', output: [], usage: null };
const msg = (text: string, status = 'completed') => ({ type: 'message', id: 'msg_67c9_0', status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });

test('encodeResponsesStreamEvent: a text answer follows the documented event order', () => {
  const frames = run([start, { type: 'text_delta', text: 'Hi' }, { type: 'text_delta', text: ' there' }, { type: 'usage', usage: { inputTokens: 37, outputTokens: 11 } }, { type: 'finish', reason: 'stop' }]);
  assert.deepEqual(frames.map(brief), [
    { type: 'response.created', response: inProgress },
    { type: 'response.in_progress', response: inProgress },
    { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_67c9_0', status: 'in_progress', role: 'assistant', content: [] } },
    { type: 'response.content_part.added', item_id: 'msg_67c9_0', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
    { type: 'response.output_text.delta', item_id: 'msg_67c9_0', output_index: 0, content_index: 0, delta: 'Hi', logprobs: [] },
    { type: 'response.output_text.delta', item_id: 'msg_67c9_0', output_index: 0, content_index: 0, delta: ' there', logprobs: [] },
    { type: 'response.output_text.done', item_id: 'msg_67c9_0', output_index: 0, content_index: 0, text: 'Hi there', logprobs: [] },
    { type: 'response.content_part.done', item_id: 'msg_67c9_0', output_index: 0, content_index: 0, part: { type: 'output_text', text: 'Hi there', annotations: [] } },
    { type: 'response.output_item.done', output_index: 0, item: msg('Hi there') },
    { type: 'response.completed', response: { status: 'completed', output: [msg('Hi there')], usage: { input_tokens: 37, input_tokens_details: { cached_tokens: 0 }, output_tokens: 11, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 48 } } },
  ]);
  const created = frames[0].response as Record<string, unknown>;
  assert.equal(created.id, 'resp_67c9');
  assert.equal(created.object, 'response');
  assert.equal(created.model, 'smart');
  assert.equal(created.created_at, 1741290958);
});

test('encodeResponsesStreamEvent: reasoning summary, then function calls with argument deltas', () => {
  const frames = run([
    { type: 'start', id: 'chatcmpl-9', model: 'up' },
    { type: 'reasoning_delta', text: 'Weather ' },
    { type: 'reasoning_delta', text: 'needed.' },
    { type: 'reasoning_delta', text: '', signature: 'SIG' },
    { type: 'tool_call_start', index: 0, id: 'call_a', name: 'get_weather' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
    { type: 'finish', reason: 'tool_calls' },
  ]);
  const reasoning = { type: 'reasoning', id: 'rs_chatcmpl-9_0', summary: [{ type: 'summary_text', text: 'Weather needed.' }], encrypted_content: 'switchyard-signature:SIG' };
  const call = { type: 'function_call', id: 'fc_chatcmpl-9_1', status: 'completed', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' };
  assert.deepEqual(frames.map(brief).slice(2), [
    { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_chatcmpl-9_0', summary: [] } },
    { type: 'response.reasoning_summary_part.added', item_id: 'rs_chatcmpl-9_0', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: '' } },
    { type: 'response.reasoning_summary_text.delta', item_id: 'rs_chatcmpl-9_0', output_index: 0, summary_index: 0, delta: 'Weather ' },
    { type: 'response.reasoning_summary_text.delta', item_id: 'rs_chatcmpl-9_0', output_index: 0, summary_index: 0, delta: 'needed.' },
    { type: 'response.reasoning_summary_text.done', item_id: 'rs_chatcmpl-9_0', output_index: 0, summary_index: 0, text: 'Weather needed.' },
    { type: 'response.reasoning_summary_part.done', item_id: 'rs_chatcmpl-9_0', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: 'Weather needed.' } },
    { type: 'response.output_item.done', output_index: 0, item: reasoning },
    { type: 'response.output_item.added', output_index: 1, item: { ...call, status: 'in_progress', arguments: '' } },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_chatcmpl-9_1', output_index: 1, delta: '{"city":' },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_chatcmpl-9_1', output_index: 1, delta: '"Paris"}' },
    { type: 'response.function_call_arguments.done', item_id: 'fc_chatcmpl-9_1', output_index: 1, name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'response.output_item.done', output_index: 1, item: call },
    { type: 'response.completed', response: { status: 'completed', output: [reasoning, call], usage: null } },
  ]);
});

test('encodeResponsesStreamEvent: parallel calls may interleave their deltas; each closes with its own arguments', () => {
  const frames = run([
    start,
    { type: 'tool_call_start', index: 0, id: 'c0', name: 'a' },
    { type: 'tool_call_start', index: 1, id: 'c1', name: 'b' },
    { type: 'tool_call_delta', index: 1, argumentsDelta: '{"y":2}' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '{"x":1}' },
    { type: 'finish', reason: 'tool_calls' },
  ]);
  const done = frames.filter((f) => f.type === 'response.function_call_arguments.done').map((f) => [f.output_index, f.arguments]);
  assert.deepEqual(done, [[0, '{"x":1}'], [1, '{"y":2}']]);
});

test('encodeResponsesStreamEvent: max tokens ends with response.incomplete and incomplete items', () => {
  const frames = run([start, { type: 'text_delta', text: 'cut' }, { type: 'finish', reason: 'length' }]);
  const last = brief(frames[frames.length - 1]);
  assert.deepEqual(last, { type: 'response.incomplete', response: { status: 'incomplete', output: [msg('cut', 'incomplete')], usage: null, incomplete_details: { reason: 'max_output_tokens' } } });
});

test('encodeResponsesStreamEvent: an upstream error writes error then response.failed, and nothing after', () => {
  const frames = run([start, { type: 'text_delta', text: 'par' }, { type: 'error', error: new GatewayError('rate_limited', 'slow down') }, { type: 'text_delta', text: 'tial' }]);
  assert.deepEqual(frames.slice(-2).map(brief), [
    { type: 'error', code: 'rate_limited', message: 'slow down', param: null },
    { type: 'response.failed', response: { status: 'failed', output: [msg('par', 'in_progress')], usage: null, error: { code: 'rate_limit_exceeded', message: 'slow down' } } },
  ]);
});

test('endResponsesStream: a stream cut off before finishing fails', () => {
  const frames = run([start, { type: 'text_delta', text: 'x' }]);
  assert.deepEqual(frames.map((f) => f.type).slice(-2), ['error', 'response.failed']);
});

test('encodeResponsesStreamEvent: an error before anything else still opens the response first', () => {
  const frames = run([{ type: 'error', error: new GatewayError('upstream_timeout', 'no first byte') }]);
  assert.deepEqual(frames.map((f) => f.type), ['response.created', 'response.in_progress', 'error', 'response.failed']);
});

test('encodeResponsesStreamEvent: a second signed thinking block is a second reasoning item', () => {
  const frames = run([
    start,
    { type: 'reasoning_delta', text: 'one' },
    { type: 'reasoning_delta', text: '', signature: 'S1' },
    { type: 'reasoning_delta', text: '', redacted: 'R2' },
    { type: 'text_delta', text: 'ok' },
    { type: 'finish', reason: 'stop' },
  ]);
  const response = frames[frames.length - 1].response as { output: Array<Record<string, unknown>> };
  assert.deepEqual(response.output.map((o) => [o.type, o.encrypted_content]), [['reasoning', 'switchyard-signature:S1'], ['reasoning', 'switchyard-redacted:R2'], ['message', undefined]]);
});

test('encodeResponsesStreamEvent: the input state is never mutated', () => {
  const state = initialResponsesStreamState('smart');
  const before = structuredClone(state);
  const started = encodeResponsesStreamEvent(state, start).state;
  const afterStart = structuredClone(started);
  encodeResponsesStreamEvent(started, { type: 'text_delta', text: 'x' });
  assert.deepEqual(state, before);
  assert.deepEqual(started, afterStart);
});

test('encodeResponsesStreamEvent: empty deltas write nothing and open no item', () => {
  const frames = run([start, { type: 'text_delta', text: '' }, { type: 'reasoning_delta', text: '' }, { type: 'tool_call_start', index: 0, id: 'c', name: 'f' }, { type: 'tool_call_delta', index: 0, argumentsDelta: '' }, { type: 'finish', reason: 'tool_calls' }]);
  assert.deepEqual(frames.map((f) => f.type), [
    'response.created', 'response.in_progress', 'response.output_item.added', 'response.function_call_arguments.done', 'response.output_item.done', 'response.completed',
  ]);
});
