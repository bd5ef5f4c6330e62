import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../formats/canonical';
import type { SseFrame } from '../codec';
import { decodeGeminiStreamFrame, initialGeminiDecodeState, type GeminiDecodeState } from './decode-gemini-stream';
import { errors, streamFrames } from './fixtures/gemini-wire-fixtures';
import { callIdBase } from './synthesize-call-id';

function frame(data: string): SseFrame {
  return { data, raw: `data: ${data}\r\n\r\n` };
}

function run(frames: string[]): Array<StreamEvent[]> {
  let state: GeminiDecodeState = initialGeminiDecodeState();
  return frames.map((data) => {
    const step = decodeGeminiStreamFrame(state, frame(data));
    state = step.state;
    return step.events;
  });
}

const cases: Array<{ name: string; frames: string[]; expected: Array<Array<Record<string, unknown>>> }> = [
  {
    name: 'thoughts, text, then a whole function call with its signature; usage is cumulative',
    frames: streamFrames,
    expected: [
      [
        { type: 'start', id: 's-1', model: 'gemini-2.5-flash' },
        { type: 'reasoning_delta', text: 'Thinking it over' },
        { type: 'usage', usage: { inputTokens: 20, outputTokens: 0 } },
      ],
      [{ type: 'text_delta', text: 'Let me check' }, { type: 'usage', usage: { inputTokens: 20, outputTokens: 3 } }],
      [
        { type: 'reasoning_delta', text: '', signature: 'c2lnLTE=', signedBy: 'gemini' },
        { type: 'tool_call_start', index: 0, id: 'call_s-1_0', name: 'get_weather' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":"Paris"}' },
        { type: 'usage', usage: { inputTokens: 20, outputTokens: 25, reasoningTokens: 15 } },
        { type: 'finish', reason: 'tool_calls' },
      ],
    ],
  },
  {
    name: 'calls in later chunks keep counting their index; empty text parts emit nothing',
    frames: [
      '{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"a","args":{}}}]},"index":0}],"responseId":"x"}',
      '{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"b","args":{"n":1}}},{"text":""}]},"finishReason":"STOP","index":0}],"responseId":"x"}',
    ],
    expected: [
      [
        { type: 'start', id: 'x', model: '' },
        { type: 'tool_call_start', index: 0, id: 'call_x_0', name: 'a' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{}' },
      ],
      [
        { type: 'tool_call_start', index: 1, id: 'call_x_1', name: 'b' },
        { type: 'tool_call_delta', index: 1, argumentsDelta: '{"n":1}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
    ],
  },
  {
    name: 'MAX_TOKENS finishes with length; a later usage-only chunk still reports usage once finished',
    frames: [
      '{"candidates":[{"content":{"role":"model","parts":[{"text":"cut"}]},"finishReason":"MAX_TOKENS","index":0}],"responseId":"y"}',
      '{"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":8,"totalTokenCount":12},"responseId":"y"}',
    ],
    expected: [
      [{ type: 'start', id: 'y', model: '' }, { type: 'text_delta', text: 'cut' }, { type: 'finish', reason: 'length' }],
      [{ type: 'usage', usage: { inputTokens: 4, outputTokens: 8 } }],
    ],
  },
  {
    name: 'SAFETY finishes with content_filter',
    frames: ['{"candidates":[{"finishReason":"SAFETY","index":0}],"responseId":"z"}'],
    expected: [[{ type: 'start', id: 'z', model: '' }, { type: 'finish', reason: 'content_filter' }]],
  },
  {
    name: 'a blocked prompt finishes with content_filter',
    frames: ['{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"responseId":"b"}'],
    expected: [[{ type: 'start', id: 'b', model: '' }, { type: 'finish', reason: 'content_filter' }]],
  },
];

for (const c of cases) {
  test(`decodeGeminiStreamFrame: ${c.name}`, () => {
    assert.deepEqual(run(c.frames), c.expected);
  });
}

// Found by test/faults-upstream-fuzz: a numeric responseId threw a TypeError (an internal error).
test('decodeGeminiStreamFrame: a response id or model version that is not a string is left out, never a throw', () => {
  const data = '{"candidates":[{"content":{"role":"model","parts":[{"text":"a"}]},"index":0}],"responseId":42,"modelVersion":["m"]}';
  assert.deepEqual(run([data]), [[{ type: 'start', id: `gemini-${callIdBase(undefined, data)}`, model: '' }, { type: 'text_delta', text: 'a' }]]);
});

test('decodeGeminiStreamFrame: an error frame mid-stream becomes a classified error event', () => {
  const [first, second] = run([streamFrames[0], JSON.stringify(errors.unavailable)]);
  assert.equal(first[0].type, 'start');
  assert.equal(second.length, 1);
  const event = second[0];
  assert.ok(event.type === 'error');
  assert.equal(event.error.kind, 'upstream_error');
  assert.equal(event.error.status, 503);
  assert.equal(event.error.upstreamType, 'UNAVAILABLE');
});

test('decodeGeminiStreamFrame: a frame that is not JSON is an upstream error, and state is untouched', () => {
  const state = initialGeminiDecodeState();
  const step = decodeGeminiStreamFrame(state, frame('{oops'));
  assert.equal(step.state, state);
  assert.ok(step.events[0].type === 'error' && step.events[0].error.kind === 'upstream_error');
});

test('decodeGeminiStreamFrame: the input state is never mutated', () => {
  const state = initialGeminiDecodeState();
  const snapshot = structuredClone(state);
  decodeGeminiStreamFrame(state, frame(streamFrames[2]));
  assert.deepEqual(state, snapshot);
});

test('decodeGeminiStreamFrame: a malformed part becomes an error event, not a throw', () => {
  const [events] = run(['{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"args":{}}}]},"index":0}],"responseId":"m"}']);
  assert.equal(events[0].type, 'start');
  assert.ok(events[1].type === 'error' && events[1].error.kind === 'upstream_error');
});
