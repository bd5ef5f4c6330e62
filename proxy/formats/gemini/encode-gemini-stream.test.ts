import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { StreamEvent } from '../canonical';
import { encodeGeminiStreamEvent, endGeminiStream, initialGeminiStreamState, type GeminiStreamState } from './encode-gemini-stream';

/** Runs events through the encoder; returns the frames written after each event, then at the end. */
function run(events: StreamEvent[]): { steps: unknown[][]; end: unknown[] } {
  let state: GeminiStreamState = initialGeminiStreamState('smart');
  const steps = events.map((event) => {
    const step = encodeGeminiStreamEvent(state, event);
    state = step.state;
    return parse(step.out);
  });
  return { steps, end: parse(endGeminiStream(state)) };
}

function parse(out: string): unknown[] {
  return out.split('\n\n').filter((f) => f !== '').map((f) => {
    assert.ok(f.startsWith('data: '), `frame ${f} is a data line`);
    return JSON.parse(f.slice(6));
  });
}

const chunk = (parts: unknown[]) => ({ candidates: [{ content: { role: 'model', parts }, index: 0 }], modelVersion: 'smart', responseId: 'r1' });

const cases: Array<{ name: string; events: StreamEvent[]; steps: unknown[][]; end: unknown[] }> = [
  {
    name: 'text deltas go out as they come; finish and usage close the stream',
    events: [
      { type: 'start', id: 'r1', model: 'up' },
      { type: 'text_delta', text: 'Hel' },
      { type: 'text_delta', text: 'lo' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 9, reasoningTokens: 4 } },
    ],
    steps: [[], [chunk([{ text: 'Hel' }])], [chunk([{ text: 'lo' }])], [], []],
    end: [{ candidates: [{ finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 5, totalTokenCount: 12, thoughtsTokenCount: 4 }, modelVersion: 'smart', responseId: 'r1' }],
  },
  {
    name: 'thoughts stream as thought parts; a closing signature ends the run',
    events: [
      { type: 'start', id: 'r1', model: 'up' },
      { type: 'reasoning_delta', text: 'Hmm' },
      { type: 'reasoning_delta', text: '', signature: 'SIG' },
      { type: 'text_delta', text: 'Yes' },
      { type: 'finish', reason: 'stop' },
    ],
    steps: [[], [chunk([{ text: 'Hmm', thought: true }])], [chunk([{ text: '', thought: true, thoughtSignature: 'SIG' }])], [chunk([{ text: 'Yes' }])], []],
    end: [{ candidates: [{ finishReason: 'STOP', index: 0 }], modelVersion: 'smart', responseId: 'r1' }],
  },
  {
    name: 'an Anthropic signature reaches a Gemini client behind its marker',
    events: [
      { type: 'start', id: 'r1', model: 'up' },
      { type: 'reasoning_delta', text: 'Hmm', signature: 'EqQB', signedBy: 'anthropic' },
      { type: 'finish', reason: 'stop' },
    ],
    steps: [[], [chunk([{ text: 'Hmm', thought: true, thoughtSignature: 'c3dpdGNoeWFyZC1zaWduZWQtYnk6YW50aHJvcGljOjo6EqQB' }])], []],
    end: [{ candidates: [{ finishReason: 'STOP', index: 0 }], modelVersion: 'smart', responseId: 'r1' }],
  },
  {
    name: 'calls are held until whole, then sent together; a leading signature rides on its call',
    events: [
      { type: 'start', id: 'r1', model: 'up' },
      { type: 'reasoning_delta', text: '', signature: 'CALLSIG' },
      { type: 'tool_call_start', index: 0, id: 'call_a', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool_call_start', index: 1, id: 'call_b', name: 'g' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '1}' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '' },
      { type: 'text_delta', text: 'done' },
      { type: 'finish', reason: 'tool_calls' },
    ],
    steps: [[], [], [], [], [], [], [], [
      chunk([{ functionCall: { id: 'call_a', name: 'f', args: { x: 1 } }, thoughtSignature: 'CALLSIG' }, { functionCall: { id: 'call_b', name: 'g', args: {} } }]),
      chunk([{ text: 'done' }]),
    ], []],
    end: [{ candidates: [{ finishReason: 'STOP', index: 0 }], modelVersion: 'smart', responseId: 'r1' }],
  },
  {
    name: 'calls still open at the end go out in the final chunk with the finish reason',
    events: [
      { type: 'start', id: 'r1', model: 'up' },
      { type: 'tool_call_start', index: 0, id: 'call_a', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"q":"z"}' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } },
      { type: 'finish', reason: 'tool_calls' },
    ],
    steps: [[], [], [], [], []],
    end: [{ candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: 'call_a', name: 'f', args: { q: 'z' } } }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2, totalTokenCount: 3 }, modelVersion: 'smart', responseId: 'r1' }],
  },
];

for (const c of cases) {
  test(`encodeGeminiStreamEvent: ${c.name}`, () => {
    const result = run(c.events);
    assert.deepEqual(result.steps, c.steps);
    assert.deepEqual(result.end, c.end);
  });
}

test('encodeGeminiStreamEvent: an error writes Google\'s error frame and nothing follows it', () => {
  const result = run([
    { type: 'start', id: 'r1', model: 'up' },
    { type: 'text_delta', text: 'a' },
    { type: 'error', error: new GatewayError('rate_limited', 'slow down', { retryAfter: 2 }) },
    { type: 'text_delta', text: 'b' },
  ]);
  assert.deepEqual(result.steps[2], [{ error: {
    code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED',
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'rate_limited', domain: 'switchyard' }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
  } }]);
  assert.deepEqual(result.steps[3], []);
  assert.deepEqual(result.end, []);
});

test('endGeminiStream: a stream that ends without a finish is reported as an error', () => {
  const result = run([{ type: 'start', id: 'r1', model: 'up' }, { type: 'text_delta', text: 'a' }]);
  assert.deepEqual((result.end[0] as { error: { code: number; status: string } }).error.code, 502);
  assert.equal((result.end[0] as { error: { status: string } }).error.status, 'INTERNAL');
});

test('encodeGeminiStreamEvent: arguments that are not a JSON object fail the stream', () => {
  const result = run([
    { type: 'start', id: 'r1', model: 'up' },
    { type: 'tool_call_start', index: 0, id: 'c', name: 'f' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '{oops' },
    { type: 'text_delta', text: 'x' },
  ]);
  assert.equal((result.steps[3][0] as { error: { code: number } }).error.code, 502);
  assert.deepEqual(result.end, []);
});

test('encodeGeminiStreamEvent: the input state is never mutated', () => {
  const state = initialGeminiStreamState('smart');
  const started = encodeGeminiStreamEvent(state, { type: 'start', id: 'r', model: 'm' }).state;
  const withCall = encodeGeminiStreamEvent(started, { type: 'tool_call_start', index: 0, id: 'c', name: 'f' }).state;
  const before = structuredClone(withCall);
  encodeGeminiStreamEvent(withCall, { type: 'tool_call_delta', index: 0, argumentsDelta: '{}' });
  assert.deepEqual(withCall, before);
  assert.deepEqual(state, initialGeminiStreamState('smart'));
});

test('encodeGeminiStreamEvent: an empty text delta writes nothing', () => {
  const result = run([{ type: 'start', id: 'r1', model: 'up' }, { type: 'text_delta', text: '' }, { type: 'finish', reason: 'stop' }]);
  assert.deepEqual(result.steps, [[], [], []]);
});

test('encodeGeminiStreamEvent: a waiting signature is written on its own when more reasoning comes first', () => {
  const result = run([
    { type: 'start', id: 'r1', model: 'up' },
    { type: 'reasoning_delta', text: '', signature: 'A' },
    { type: 'reasoning_delta', text: '', signature: 'B' },
    { type: 'text_delta', text: 'x' },
    { type: 'finish', reason: 'stop' },
  ]);
  assert.deepEqual(result.steps, [[], [], [chunk([{ text: '', thought: true, thoughtSignature: 'A' }])], [chunk([{ text: 'x', thoughtSignature: 'B' }])], []]);
});

test('encodeGeminiStreamEvent: after a signed thought, a bare signature waits for the call it belongs to', () => {
  const result = run([
    { type: 'start', id: 'r1', model: 'up' },
    { type: 'reasoning_delta', text: 'think', signature: 'RUN' },
    { type: 'reasoning_delta', text: '', signature: 'CALL' },
    { type: 'tool_call_start', index: 0, id: 'c', name: 'f' },
    { type: 'finish', reason: 'tool_calls' },
  ]);
  assert.deepEqual(result.steps[1], [chunk([{ text: 'think', thought: true, thoughtSignature: 'RUN' }])]);
  assert.deepEqual(result.steps[2], []);
  assert.deepEqual(result.end, [{ candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: 'c', name: 'f', args: {} }, thoughtSignature: 'CALL' }] }, finishReason: 'STOP', index: 0 }], modelVersion: 'smart', responseId: 'r1' }]);
});
