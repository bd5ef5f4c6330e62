import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../errors';
import type { CanonicalRequest, StreamEvent } from '../../formats/canonical';
import { SseParser } from '../../upstream/sse-parser';
import { cohereCodec } from './cohere-codec';

const BASE: CanonicalRequest = { model: 'cohere/command-a-03-2025', messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hi' }] }], stream: false };
const WEATHER = { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

const ENCODE_ROWS: Array<{ name: string; input: Partial<CanonicalRequest>; expected: unknown }> = [
  {
    name: 'system, sampling settings and streaming',
    input: { system: [{ type: 'text', text: 'Be brief.' }], maxTokens: 100, temperature: 0.3, topP: 0.9, topK: 40, stop: ['END'], stream: true },
    expected: {
      model: 'command-a-03-2025',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      max_tokens: 100, temperature: 0.3, p: 0.9, k: 40, stop_sequences: ['END'], stream: true,
    },
  },
  {
    name: 'a tool round trip: plan and calls on the assistant, results as tool messages before user text',
    input: {
      tools: [WEATHER],
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Weather in Paris?' }] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'I will look it up.' }, { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'call_1', content: [{ type: 'text', text: '18C' }] }, { type: 'text', text: 'And tomorrow?' }] },
      ],
    },
    expected: {
      model: 'command-a-03-2025',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        { role: 'assistant', tool_plan: 'I will look it up.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '18C' }] },
        { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
      ],
      tools: [{ type: 'function', function: WEATHER }],
    },
  },
  {
    name: 'a forced specific tool offers only that tool and requires a call',
    input: { tools: [WEATHER, { name: 'other', parameters: {} }], toolChoice: { type: 'tool', name: 'get_weather' } },
    expected: {
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      tools: [{ type: 'function', function: WEATHER }],
      tool_choice: 'REQUIRED',
    },
  },
  {
    name: 'JSON schema output, thinking budget, images as data URLs',
    input: {
      responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' } },
      reasoning: { budgetTokens: 2048 },
      toolChoice: { type: 'none' },
      messages: [{ role: 'user', parts: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }, { type: 'text', text: 'What is it?' }] }],
    },
    expected: {
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, { type: 'text', text: 'What is it?' }] }],
      tool_choice: 'NONE',
      response_format: { type: 'json_object', json_schema: { type: 'object' } },
      thinking: { type: 'enabled', token_budget: 2048 },
    },
  },
  {
    name: 'seed and penalties keep their names (https://docs.cohere.com/reference/chat)',
    input: { seed: 42, presencePenalty: 0.5, frequencyPenalty: 1 },
    expected: { model: 'command-a-03-2025', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], seed: 42, presence_penalty: 0.5, frequency_penalty: 1 },
  },
];
for (const row of ENCODE_ROWS) {
  test(`encode: ${row.name}`, () => {
    const call = cohereCodec.encodeRequest({ ...BASE, ...row.input }, 'command-a-03-2025');
    assert.equal(call.path, '/v2/chat');
    assert.deepEqual(call.body, row.expected);
  });
}

test('encode refuses what Cohere cannot carry', () => {
  assert.throws(() => cohereCodec.encodeRequest({ ...BASE, extras: { logprobs: true } }, 'm'), (e: unknown) => e instanceof GatewayError && e.kind === 'unsupported');
  assert.throws(() => cohereCodec.encodeRequest({ ...BASE, parallelToolCalls: false }, 'm'), /parallel/);
  assert.throws(() => cohereCodec.encodeRequest({ ...BASE, tools: [WEATHER], toolChoice: { type: 'tool', name: 'nope' } }, 'm'), /not among the tools/);
  // Cohere's penalties run 0 to 1: a negative one (OpenAI and Gemini allow -2) is refused, never clamped.
  assert.throws(() => cohereCodec.encodeRequest({ ...BASE, presencePenalty: -0.5 }, 'm'), (e: unknown) => e instanceof GatewayError && e.kind === 'unsupported' && /'presence_penalty' -0.5/.test(e.message));
  assert.throws(() => cohereCodec.encodeRequest({ ...BASE, frequencyPenalty: 1.5 }, 'm'), (e: unknown) => e instanceof GatewayError && e.kind === 'unsupported' && /'frequency_penalty' 1.5/.test(e.message));
});

test('decode: text, tool plan, tool calls and billed usage', () => {
  const decoded = cohereCodec.decodeResponse({
    id: 'c0a1',
    finish_reason: 'TOOL_CALL',
    message: {
      role: 'assistant',
      tool_plan: 'I will check the weather.',
      tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    },
    usage: { billed_units: { input_tokens: 30, output_tokens: 12 }, tokens: { input_tokens: 530, output_tokens: 40 }, cached_tokens: 10 },
  });
  assert.deepEqual(decoded, {
    id: 'c0a1',
    model: '',
    parts: [
      { type: 'reasoning', text: 'I will check the weather.' },
      { type: 'tool_call', id: 'get_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ],
    finishReason: 'tool_calls',
    usage: { inputTokens: 30, outputTokens: 12, cachedInputTokens: 10 },
  });
});

// Found by test/faults-upstream-fuzz: a null tool call threw a TypeError (an internal error).
const NULL_CALL_ROWS = [
  { name: 'a null tool call carries nothing', calls: [null, { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }], expected: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }] },
  { name: 'a tool call that is no object carries nothing', calls: [7, 'call'], expected: [] },
];
for (const row of NULL_CALL_ROWS) {
  test(`decode: ${row.name}, never a throw`, () => {
    const decoded = cohereCodec.decodeResponse({ id: 'x', finish_reason: 'TOOL_CALL', message: { role: 'assistant', tool_calls: row.calls } });
    assert.deepEqual(decoded.parts, row.expected);
  });
}

const FINISH_ROWS = [
  { input: 'COMPLETE', expected: 'stop' },
  { input: 'MAX_TOKENS', expected: 'length' },
  { input: 'STOP_SEQUENCE', expected: 'stop_sequence' },
];
for (const row of FINISH_ROWS) {
  test(`decode finish ${row.input}`, () => {
    const decoded = cohereCodec.decodeResponse({ id: 'x', finish_reason: row.input, message: { role: 'assistant', content: [{ type: 'text', text: 'ok' }] } });
    assert.equal(decoded.finishReason, row.expected);
    assert.deepEqual(decoded.parts, [{ type: 'text', text: 'ok' }]);
  });
}

// A v2 stream as documented: each SSE frame names its event and repeats it as `type` in the JSON.
const STREAM = [
  ['message-start', { id: 'msg-1', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } }],
  ['tool-plan-delta', { type: 'tool-plan-delta', delta: { message: { tool_plan: 'Checking.' } } }],
  ['tool-call-start', { type: 'tool-call-start', index: 0, delta: { message: { tool_calls: { id: 'get_weather_x', type: 'function', function: { name: 'get_weather', arguments: '' } } } } }],
  ['tool-call-delta', { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '{"city":' } } } } }],
  ['tool-call-delta', { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '"Paris"}' } } } } }],
  ['tool-call-end', { type: 'tool-call-end', index: 0 }],
  ['content-start', { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } }],
  ['content-delta', { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Done' } } } }],
  ['content-end', { type: 'content-end', index: 0 }],
  ['message-end', { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: { billed_units: { input_tokens: 20, output_tokens: 9 }, tokens: { input_tokens: 400, output_tokens: 30 } } } }],
] as const;

test('stream: a documented v2 event sequence decodes in order', () => {
  const wire = STREAM.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
  const parser = new SseParser();
  let state = cohereCodec.initialStreamState();
  const events: StreamEvent[] = [];
  for (const frame of parser.push(wire)) {
    const step = cohereCodec.decodeStreamFrame(state, frame);
    state = step.state;
    events.push(...step.events);
  }
  assert.deepEqual(events, [
    { type: 'start', id: 'msg-1', model: '' },
    { type: 'reasoning_delta', text: 'Checking.' },
    { type: 'tool_call_start', index: 0, id: 'get_weather_x', name: 'get_weather' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
    { type: 'text_delta', text: 'Done' },
    { type: 'usage', usage: { inputTokens: 20, outputTokens: 9 } },
    { type: 'finish', reason: 'tool_calls' },
  ]);
});

test('stream: message-end with ERROR becomes an error event', () => {
  const step = cohereCodec.decodeStreamFrame(cohereCodec.initialStreamState(), { event: 'message-end', data: JSON.stringify({ type: 'message-end', delta: { finish_reason: 'ERROR', error: 'internal' } }), raw: '' });
  assert.equal(step.events.at(-1)?.type, 'error');
});

const ERROR_ROWS = [
  { status: 400, kind: 'invalid_request', out: 400 },
  { status: 422, kind: 'invalid_request', out: 400 },
  { status: 401, kind: 'upstream_error', out: 502 },
  { status: 404, kind: 'not_found', out: 404 },
  { status: 429, kind: 'rate_limited', out: 429 },
  { status: 500, kind: 'upstream_error', out: 500 },
  { status: 503, kind: 'upstream_error', out: 503 },
];
for (const row of ERROR_ROWS) {
  test(`classifyError ${row.status}`, () => {
    const err = cohereCodec.classifyError(row.status, { id: 'e', message: 'x' }, {});
    assert.deepEqual([err.kind, err.status], [row.kind, row.out]);
  });
}

// `now` is 0 here, so an HTTP date of 00:00:10 on 1 January 1970 is 10 s ahead.
const RETRY_ROWS: Array<{ name: string; headers: Record<string, string>; expected: number | undefined }> = [
  { name: 'seconds', headers: { 'retry-after': '3' }, expected: 3 },
  { name: 'an HTTP date 10 s ahead', headers: { 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }, expected: 10 },
  { name: 'retry-after-ms', headers: { 'retry-after-ms': '2500' }, expected: 2.5 },
  { name: 'none', headers: {}, expected: undefined },
];
for (const row of RETRY_ROWS) {
  test(`classifyError 429 Retry-After: ${row.name}`, (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    const err = cohereCodec.classifyError(429, { id: 'e', message: 'x' }, row.headers);
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryAfter, row.expected);
  });
}
