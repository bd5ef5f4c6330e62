import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../errors';
import type { CanonicalRequest, StreamEvent } from '../../formats/canonical';
import { bedrockCodec } from './bedrock-codec';
import { EventStreamDecoder } from './event-stream';
import { encodeBedrockEvent, encodeBedrockException } from './event-stream-encoder';

const BASE: CanonicalRequest = { model: 'bedrock/x', messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hi' }] }], stream: false };
const CLAUDE = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const NOVA = 'amazon.nova-pro-v1:0';

const ENCODE_ROWS: Array<{ name: string; model: string; input: Partial<CanonicalRequest>; expected: { path: string; body: unknown } }> = [
  {
    name: 'plain text, non-streaming → /converse with the model id encoded',
    model: CLAUDE,
    input: {},
    expected: { path: '/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse', body: { messages: [{ role: 'user', content: [{ text: 'Hi' }] }] } },
  },
  {
    name: 'streaming → /converse-stream; system, inference settings and user metadata',
    model: NOVA,
    input: { stream: true, system: [{ type: 'text', text: 'Be brief.' }], maxTokens: 256, temperature: 0.2, topP: 0.9, stop: ['END'], user: 'u-1' },
    expected: {
      path: '/model/amazon.nova-pro-v1%3A0/converse-stream',
      body: {
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        system: [{ text: 'Be brief.' }],
        inferenceConfig: { maxTokens: 256, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
        requestMetadata: { user: 'u-1' },
      },
    },
  },
  {
    name: 'tools, a forced tool choice, a tool call and its result, images as bytes',
    model: CLAUDE,
    input: {
      tools: [{ name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
      toolChoice: { type: 'tool', name: 'get_weather' },
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'tooluse_1', content: [{ type: 'text', text: '18C' }], isError: false }] },
      ],
    },
    expected: {
      path: '/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
      body: {
        messages: [
          { role: 'user', content: [{ text: 'Weather?' }, { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '18C' }], status: 'success' } }] },
        ],
        toolConfig: {
          tools: [{ toolSpec: { name: 'get_weather', description: 'Weather by city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }],
          toolChoice: { tool: { name: 'get_weather' } },
        },
      },
    },
  },
  {
    name: 'required tool choice → any; failed tool result → status error',
    model: NOVA,
    input: {
      tools: [{ name: 't', parameters: { type: 'object' } }],
      toolChoice: { type: 'required' },
      messages: [{ role: 'user', parts: [{ type: 'tool_result', callId: 'c', content: [{ type: 'text', text: 'boom' }], isError: true }] }],
    },
    expected: {
      path: '/model/amazon.nova-pro-v1%3A0/converse',
      body: {
        messages: [{ role: 'user', content: [{ toolResult: { toolUseId: 'c', content: [{ text: 'boom' }], status: 'error' } }] }],
        toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: { type: 'object' } } } }], toolChoice: { any: {} } },
      },
    },
  },
  {
    name: 'tool choice none with no tool history leaves the tools out',
    model: NOVA,
    input: { tools: [{ name: 't', parameters: {} }], toolChoice: { type: 'none' } },
    expected: { path: '/model/amazon.nova-pro-v1%3A0/converse', body: { messages: [{ role: 'user', content: [{ text: 'Hi' }] }] } },
  },
  {
    name: 'cache hints become cachePoint blocks',
    model: CLAUDE,
    input: { system: [{ type: 'text', text: 'Long system', cache: true }], messages: [{ role: 'user', parts: [{ type: 'text', text: 'Doc', cache: true }, { type: 'text', text: 'Q' }] }] },
    expected: {
      path: '/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
      body: {
        messages: [{ role: 'user', content: [{ text: 'Doc' }, { cachePoint: { type: 'default' } }, { text: 'Q' }] }],
        system: [{ text: 'Long system' }, { cachePoint: { type: 'default' } }],
      },
    },
  },
  {
    name: 'a cache hint on a tool becomes a cachePoint entry right after it in toolConfig.tools',
    model: CLAUDE,
    input: { tools: [{ name: 'a', parameters: {} }, { name: 'b', description: 'B', parameters: {}, cache: true }, { name: 'c', parameters: {} }] },
    expected: {
      path: '/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
      body: {
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        toolConfig: {
          tools: [
            { toolSpec: { name: 'a', inputSchema: { json: {} } } },
            { toolSpec: { name: 'b', description: 'B', inputSchema: { json: {} } } },
            { cachePoint: { type: 'default' } },
            { toolSpec: { name: 'c', inputSchema: { json: {} } } },
          ],
        },
      },
    },
  },
  {
    name: 'a cache ttl goes into its cachePoint, on tools, system, text, images and tool results',
    model: CLAUDE,
    input: {
      tools: [{ name: 't', parameters: {}, cache: true, cacheTtl: '1h' }],
      system: [{ type: 'text', text: 'S', cache: true, cacheTtl: '1h' }],
      messages: [
        { role: 'user', parts: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' }, cache: true, cacheTtl: '1h' }, { type: 'text', text: 'Q', cache: true, cacheTtl: '5m' }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 't', arguments: '{}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'c1', content: [{ type: 'text', text: 'R' }], cache: true, cacheTtl: '5m' }] },
      ],
    },
    expected: {
      path: '/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
      body: {
        messages: [
          { role: 'user', content: [{ image: { format: 'png', source: { bytes: 'AAAA' } } }, { cachePoint: { type: 'default', ttl: '1h' } }, { text: 'Q' }, { cachePoint: { type: 'default', ttl: '5m' } }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 'c1', name: 't', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 'c1', content: [{ text: 'R' }], status: 'success' } }, { cachePoint: { type: 'default', ttl: '5m' } }] },
        ],
        system: [{ text: 'S' }, { cachePoint: { type: 'default', ttl: '1h' } }],
        toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: {} } } }, { cachePoint: { type: 'default', ttl: '1h' } }] },
      },
    },
  },
  {
    name: 'Anthropic reasoning budget and top_k go to additionalModelRequestFields; reasoning history round-trips, another wire\'s signature (Anthropic API, Gemini) left out',
    model: CLAUDE,
    input: {
      reasoning: { budgetTokens: 4000 },
      topK: 40,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', parts: [
          { type: 'reasoning', text: 'api thoughts', signature: 'EqQBapi', signedBy: 'anthropic' },
          { type: 'reasoning', text: 'gemini thoughts', signature: 'CiQB', signedBy: 'gemini' },
          { type: 'reasoning', text: 'thinking…', signature: 'sig==', signedBy: 'bedrock' },
          { type: 'text', text: 'Hello' },
        ] },
        { role: 'user', parts: [{ type: 'text', text: 'More' }] },
      ],
    },
    expected: {
      path: '/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
      body: {
        messages: [
          { role: 'user', content: [{ text: 'Hi' }] },
          { role: 'assistant', content: [
            { reasoningContent: { reasoningText: { text: 'api thoughts' } } },
            { reasoningContent: { reasoningText: { text: 'gemini thoughts' } } },
            { reasoningContent: { reasoningText: { text: 'thinking…', signature: 'sig==' } } },
            { text: 'Hello' },
          ] },
          { role: 'user', content: [{ text: 'More' }] },
        ],
        additionalModelRequestFields: { top_k: 40, thinking: { type: 'enabled', budget_tokens: 4000 } },
      },
    },
  },
  {
    name: 'an ARN model id is escaped into one path segment',
    model: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
    input: {},
    expected: {
      path: '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-20250514-v1%3A0/converse',
      body: { messages: [{ role: 'user', content: [{ text: 'Hi' }] }] },
    },
  },
];

for (const row of ENCODE_ROWS) {
  test(`encode: ${row.name}`, () => {
    assert.deepEqual(bedrockCodec.encodeRequest({ ...BASE, ...row.input }, row.model), row.expected);
  });
}

const REFUSE_ROWS: Array<{ name: string; model: string; input: Partial<CanonicalRequest>; message: RegExp }> = [
  { name: 'JSON mode', model: NOVA, input: { responseFormat: { type: 'json_object' } }, message: /JSON response mode/ },
  { name: 'image URLs', model: NOVA, input: { messages: [{ role: 'user', parts: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] }] }, message: /base64/ },
  { name: 'unknown extras', model: NOVA, input: { extras: { logprobs: true } }, message: /logprobs/ },
  { name: 'top_k on a non-Anthropic model', model: NOVA, input: { topK: 5 }, message: /top_k/ },
  { name: 'reasoning on a non-Anthropic model', model: NOVA, input: { reasoning: { effort: 'high' } }, message: /reasoning/ },
  { name: 'parallel tool calls off', model: CLAUDE, input: { parallelToolCalls: false }, message: /parallel/ },
  { name: 'a seed, named', model: NOVA, input: { seed: 42 }, message: /'seed' cannot be translated for Bedrock Converse/ },
  { name: 'penalties, each named (Claude has none either)', model: CLAUDE, input: { presencePenalty: 0.5, frequencyPenalty: 0.1 }, message: /'presence_penalty', 'frequency_penalty'/ },
];
for (const row of REFUSE_ROWS) {
  test(`encode refuses ${row.name} with unsupported`, () => {
    assert.throws(() => bedrockCodec.encodeRequest({ ...BASE, ...row.input }, row.model), (err: unknown) => err instanceof GatewayError && err.kind === 'unsupported' && row.message.test(err.message));
  });
}

const DECODE_ROWS = [
  {
    name: 'text answer with cache usage (inputTokens exclude cache reads/writes on the wire)',
    input: {
      output: { message: { role: 'assistant', content: [{ text: 'Hello!' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 115, cacheReadInputTokens: 80, cacheWriteInputTokens: 20 },
      metrics: { latencyMs: 412 },
    },
    expected: { parts: [{ type: 'text', text: 'Hello!' }], finishReason: 'stop', usage: { inputTokens: 110, outputTokens: 5, cachedInputTokens: 80, cacheWriteTokens: 20 } },
  },
  {
    name: 'tool use and reasoning',
    input: {
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'Need weather', signature: 'EqQB' } } },
            { toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather', input: { city: 'Paris' } } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 30, outputTokens: 12, totalTokens: 42 },
    },
    expected: {
      parts: [
        { type: 'reasoning', text: 'Need weather', signature: 'EqQB', signedBy: 'bedrock' },
        { type: 'tool_call', id: 'tooluse_abc', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 30, outputTokens: 12 },
    },
  },
  { name: 'max_tokens → length', input: { output: { message: { content: [{ text: 'cut' }] } }, stopReason: 'max_tokens' }, expected: { parts: [{ type: 'text', text: 'cut' }], finishReason: 'length' } },
  { name: 'stop_sequence', input: { output: { message: { content: [] } }, stopReason: 'stop_sequence' }, expected: { parts: [], finishReason: 'stop_sequence' } },
  { name: 'guardrail → content_filter', input: { output: { message: { content: [] } }, stopReason: 'guardrail_intervened' }, expected: { parts: [], finishReason: 'content_filter' } },
  // Found by test/faults-upstream-fuzz: a null block threw a TypeError (an internal error).
  { name: 'a null or non-object content block carries nothing, never a throw', input: { output: { message: { content: [null, 7, { text: 'a' }] } }, stopReason: 'end_turn' }, expected: { parts: [{ type: 'text', text: 'a' }], finishReason: 'stop' } },
];
for (const row of DECODE_ROWS) {
  test(`decode: ${row.name}`, () => {
    const { id, model, ...rest } = bedrockCodec.decodeResponse(row.input);
    assert.match(id, /^bedrock-/);
    assert.equal(model, '');
    assert.deepEqual(rest, row.expected);
  });
}

test('decode refuses a body without output.message', () => {
  assert.throws(() => bedrockCodec.decodeResponse({ foo: 1 }), (err: unknown) => err instanceof GatewayError && err.kind === 'upstream_error');
});

/** Decodes a whole stream that the upstream then closed cleanly. */
function runStream(frames: Buffer[]): StreamEvent[] {
  const decoder = new EventStreamDecoder();
  let state = bedrockCodec.initialStreamState();
  const events: StreamEvent[] = [];
  for (const frame of decoder.push(Buffer.concat(frames))) {
    const step = bedrockCodec.decodeStreamFrame(state, frame);
    state = step.state;
    events.push(...step.events);
  }
  events.push(...(bedrockCodec.decodeStreamEnd?.(state).events ?? []));
  return events.map((e) => (e.type === 'start' ? { ...e, id: 'ID' } : e));
}

const TEXT_FRAMES = [
  encodeBedrockEvent('messageStart', { role: 'assistant' }),
  encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }),
  encodeBedrockEvent('contentBlockStop', { contentBlockIndex: 0 }),
];
const TEXT_EVENTS: StreamEvent[] = [{ type: 'start', id: 'ID', model: '' }, { type: 'text_delta', text: 'Hi' }];

// How a stream's end reads: the answer is complete at messageStop, usage comes only with metadata.
const ENDINGS: Array<{ name: string; input: Buffer[]; expected: StreamEvent[] }> = [
  {
    name: 'messageStop then metadata: usage, then the finish',
    input: [...TEXT_FRAMES, encodeBedrockEvent('messageStop', { stopReason: 'end_turn' }), encodeBedrockEvent('metadata', { usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 } })],
    expected: [...TEXT_EVENTS, { type: 'usage', usage: { inputTokens: 5, outputTokens: 1 } }, { type: 'finish', reason: 'stop' }],
  },
  {
    name: 'messageStop and no metadata before the end: finished, usage unknown',
    input: [...TEXT_FRAMES, encodeBedrockEvent('messageStop', { stopReason: 'end_turn' })],
    expected: [...TEXT_EVENTS, { type: 'finish', reason: 'stop' }],
  },
  {
    name: 'messageStop for max_tokens and no metadata: its own finish reason',
    input: [...TEXT_FRAMES, encodeBedrockEvent('messageStop', { stopReason: 'max_tokens' })],
    expected: [...TEXT_EVENTS, { type: 'finish', reason: 'length' }],
  },
  {
    name: 'metadata without usage: finished, usage unknown',
    input: [...TEXT_FRAMES, encodeBedrockEvent('messageStop', { stopReason: 'end_turn' }), encodeBedrockEvent('metadata', { metrics: { latencyMs: 5 } })],
    expected: [...TEXT_EVENTS, { type: 'finish', reason: 'stop' }],
  },
  {
    name: 'the end before messageStop: no finish, so the stream counts as cut',
    input: TEXT_FRAMES,
    expected: TEXT_EVENTS,
  },
];

for (const row of ENDINGS) {
  test(`stream ending: ${row.name}`, () => {
    assert.deepEqual(runStream(row.input), row.expected);
  });
}

test('stream: text, reasoning and a tool call in ConverseStream order', () => {
  const events = runStream([
    encodeBedrockEvent('messageStart', { role: 'assistant', p: 'abc' }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Thinking' } } }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } }),
    encodeBedrockEvent('contentBlockStop', { contentBlockIndex: 0 }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Let me ' } }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'check.' } }),
    encodeBedrockEvent('contentBlockStop', { contentBlockIndex: 1 }),
    encodeBedrockEvent('contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_x', name: 'get_weather' } } }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } }),
    encodeBedrockEvent('contentBlockStop', { contentBlockIndex: 2 }),
    encodeBedrockEvent('messageStop', { stopReason: 'tool_use' }),
    encodeBedrockEvent('metadata', { usage: { inputTokens: 20, outputTokens: 9, totalTokens: 29 }, metrics: { latencyMs: 300 } }),
  ]);
  assert.deepEqual(events, [
    { type: 'start', id: 'ID', model: '' },
    { type: 'reasoning_delta', text: 'Thinking' },
    { type: 'reasoning_delta', text: '', signature: 'sig', signedBy: 'bedrock' },
    { type: 'text_delta', text: 'Let me ' },
    { type: 'text_delta', text: 'check.' },
    { type: 'tool_call_start', index: 0, id: 'tooluse_x', name: 'get_weather' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
    { type: 'usage', usage: { inputTokens: 20, outputTokens: 9 } },
    { type: 'finish', reason: 'tool_calls' },
  ]);
});

test('stream: a mid-stream exception becomes a classified error event', () => {
  const events = runStream([
    encodeBedrockEvent('messageStart', { role: 'assistant' }),
    encodeBedrockException('throttlingException', 'Too many tokens, please wait'),
  ]);
  assert.equal(events.length, 2);
  const last = events[1];
  assert.equal(last.type, 'error');
  if (last.type === 'error') {
    assert.equal(last.error.kind, 'rate_limited');
    assert.equal(last.error.upstreamType, 'throttlingException');
  }
});

const ERROR_ROWS = [
  { name: 'validation', status: 400, body: { message: 'bad' }, headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' }, kind: 'invalid_request', outStatus: 400 },
  { name: 'throttling with Retry-After', status: 429, body: { message: 'slow down' }, headers: { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '3' }, kind: 'rate_limited', outStatus: 429, retryAfter: 3 },
  { name: 'throttling with an HTTP-date Retry-After 10 s ahead', status: 429, body: { message: 'slow down' }, headers: { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }, kind: 'rate_limited', outStatus: 429, retryAfter: 10 },
  { name: 'throttling with retry-after-ms', status: 429, body: { message: 'slow down' }, headers: { 'x-amzn-errortype': 'ThrottlingException', 'retry-after-ms': '2500' }, kind: 'rate_limited', outStatus: 429, retryAfter: 2.5 },
  { name: 'access denied is the gateway’s credentials, not the client’s', status: 403, body: { message: 'no' }, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, kind: 'upstream_error', outStatus: 502, code: 'upstream_auth_failed' },
  { name: 'bad signature by status alone', status: 403, body: {}, headers: {}, kind: 'upstream_error', outStatus: 502, code: 'upstream_auth_failed' },
  { name: 'model not found via __type', status: 404, body: { __type: 'com.amazon.coral#ResourceNotFoundException', message: 'x' }, headers: {}, kind: 'not_found', outStatus: 404 },
  { name: 'model timeout', status: 408, body: { message: 't' }, headers: { 'x-amzn-errortype': 'ModelTimeoutException' }, kind: 'upstream_timeout', outStatus: 504 },
  { name: 'service unavailable', status: 503, body: { message: 'u' }, headers: { 'x-amzn-errortype': 'ServiceUnavailableException' }, kind: 'upstream_error', outStatus: 503 },
  { name: 'an unknown 500', status: 500, body: 'oops', headers: {}, kind: 'upstream_error', outStatus: 500 },
];
for (const row of ERROR_ROWS) {
  test(`classifyError: ${row.name}`, (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 }); // so an HTTP-date Retry-After is a fixed wait
    const err = bedrockCodec.classifyError(row.status, row.body, row.headers);
    assert.equal(err.kind, row.kind);
    assert.equal(err.status, row.outStatus);
    if ('retryAfter' in row) assert.equal(err.retryAfter, row.retryAfter);
    if ('code' in row) assert.equal(err.code, row.code);
  });
}

test('usageFromResponse reads Converse usage', () => {
  assert.deepEqual(bedrockCodec.usageFromResponse({ usage: { inputTokens: 3, outputTokens: 4 } }), { inputTokens: 3, outputTokens: 4 });
  assert.equal(bedrockCodec.usageFromResponse({}), undefined);
});
