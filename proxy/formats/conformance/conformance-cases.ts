// Shared cases every (client format, provider codec) pair runs: what a client means, and what the
// upstream answers, in canonical terms. Each format and codec speaks them in its own wire.

import { GatewayError } from '../../errors';
import type { CanonicalRequest, CanonicalResponse, ClientFormatName, TextPart, WireFormat } from '../canonical';

export interface ConformanceCase {
  name: string;
  request: CanonicalRequest;
  response: CanonicalResponse;
}

const text = (t: string): TextPart => ({ type: 'text', text: t });
const ask = (t: string): CanonicalRequest['messages'] => [{ role: 'user', parts: [text(t)] }];
const base = { model: 'smart', stream: false, maxTokens: 512 } as const;
const answer = (parts: CanonicalResponse['parts'], extra: Partial<CanonicalResponse> = {}): CanonicalResponse => ({
  id: 'up-1', model: 'upstream-model', parts, finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 7 }, ...extra,
});

const weatherTool = { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const timeTool = { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } };

export const conformanceCases: ConformanceCase[] = [
  {
    name: 'plain text',
    request: { ...base, messages: ask('Say hello.'), temperature: 0.7, topP: 0.9, topK: 40, user: 'end-user-1' },
    response: answer([text('Hello!')]),
  },
  {
    name: 'seed and penalties',
    request: { ...base, messages: ask('Name a colour.'), seed: 42, presencePenalty: 0.5, frequencyPenalty: -0.25 },
    response: answer([text('Teal.')]),
  },
  {
    name: 'system prompt with a cache breakpoint',
    request: { ...base, system: [text('You are terse.'), { ...text('Long shared context.'), cache: true }], messages: ask('Hi') },
    response: answer([text('Hi.')]),
  },
  {
    name: 'multi-turn',
    request: {
      ...base,
      messages: [
        { role: 'user', parts: [text('My name is Ada.')] },
        { role: 'assistant', parts: [text('Nice to meet you, Ada.')] },
        { role: 'user', parts: [text('What is my name?')] },
      ],
    },
    response: answer([text('Your name is Ada.')]),
  },
  {
    name: 'parallel tool calls and results',
    request: {
      ...base,
      tools: [weatherTool, timeTool],
      toolChoice: { type: 'auto' },
      parallelToolCalls: true,
      messages: [
        { role: 'user', parts: [text('Weather and time in Paris?')] },
        { role: 'assistant', parts: [
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_2', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
        ] },
        { role: 'user', parts: [
          { type: 'tool_result', callId: 'call_1', content: [text('18C, sunny')] },
          { type: 'tool_result', callId: 'call_2', content: [text('clock offline')], isError: true },
        ] },
        { role: 'assistant', parts: [text('It is 18C and sunny; the time is unknown.')] },
        { role: 'user', parts: [text('And in Rome?')] },
      ],
    },
    response: answer(
      [
        text('Checking both.'),
        { type: 'tool_call', id: 'call_3', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'tool_call', id: 'call_4', name: 'get_time', arguments: '{"tz":"Europe/Rome"}' },
      ],
      { finishReason: 'tool_calls' },
    ),
  },
  {
    name: 'forced tool, parallel calls off',
    request: { ...base, tools: [weatherTool], toolChoice: { type: 'tool', name: 'get_weather' }, parallelToolCalls: false, messages: ask('Weather in Oslo') },
    response: answer([{ type: 'tool_call', id: 'call_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }], { finishReason: 'tool_calls' }),
  },
  {
    name: 'image by URL and base64, and an image a tool returned',
    request: {
      ...base,
      tools: [{ name: 'screenshot', parameters: { type: 'object' } }],
      messages: [
        { role: 'user', parts: [
          text('Compare these.'),
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        ] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_s', name: 'screenshot', arguments: '{}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'call_s', content: [text('captured'), { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } }] }] },
      ],
    },
    response: answer([text('They look alike.')]),
  },
  {
    name: 'JSON schema output',
    request: {
      ...base,
      messages: ask('Who wrote Dune?'),
      responseFormat: { type: 'json_schema', name: 'book', schema: { type: 'object', properties: { author: { type: 'string' } }, required: ['author'] } },
    },
    response: answer([text('{"author":"Frank Herbert"}')]),
  },
  {
    name: 'JSON schema output alongside tools',
    request: {
      ...base,
      tools: [weatherTool],
      messages: ask('Weather in Lima as JSON.'),
      responseFormat: { type: 'json_schema', name: 'weather', schema: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'], additionalProperties: false } },
    },
    response: answer([text('{"celsius":19}')]),
  },
  {
    name: 'JSON object output',
    request: { ...base, messages: ask('Give me JSON.'), responseFormat: { type: 'json_object' } },
    response: answer([text('{"ok":true}')]),
  },
  {
    name: 'stop sequences',
    request: { ...base, messages: ask('Count to ten.'), stop: ['5', 'five'] },
    response: answer([text('1 2 3 4 ')], { finishReason: 'stop_sequence', stopSequence: '5' }),
  },
  {
    name: 'reasoning with signed thinking in history',
    request: {
      ...base,
      maxTokens: 8000,
      reasoning: { budgetTokens: 4000, includeThoughts: true },
      messages: [
        { role: 'user', parts: [text('What is 27 * 453?')] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'Multiply.', signature: 'sig-prev' }, text('12231')] },
        { role: 'user', parts: [text('And doubled?')] },
      ],
    },
    response: answer([{ type: 'reasoning', text: '12231 * 2 = 24462', signature: 'sig-new' }, { type: 'reasoning', text: '', redacted: 'b3BhcXVl' }, text('24462')], {
      usage: { inputTokens: 40, outputTokens: 60, reasoningTokens: 45 },
    }),
  },
  {
    name: 'usage with cache reads and writes',
    request: { ...base, system: [{ ...text('Big cached prefix.'), cache: true }], messages: ask('Summarise.') },
    response: answer([text('Summary.')], { usage: { inputTokens: 5000, outputTokens: 20, cachedInputTokens: 4000, cacheWriteTokens: 900 } }),
  },
  {
    name: 'finish by length',
    request: { ...base, maxTokens: 5, messages: ask('Write an essay.') },
    response: answer([text('Once upon a')], { finishReason: 'length' }),
  },
  {
    name: 'finish by refusal',
    request: { ...base, messages: ask('Something unsafe.') },
    response: answer([text('I can’t help with that.')], { finishReason: 'refusal' }),
  },
];

/** Upstream failures every pair must carry to the client with their kind, status and message. */
export const conformanceErrors: Array<{ name: string; error: GatewayError }> = [
  { name: 'bad request', error: new GatewayError('invalid_request', 'messages: too many images', { status: 400 }) },
  { name: 'provider key rejected', error: new GatewayError('upstream_error', 'invalid api key', { status: 401 }) },
  { name: 'model not found', error: new GatewayError('not_found', 'model upstream-model not found', { status: 404 }) },
  { name: 'payload too large', error: new GatewayError('payload_too_large', 'request too large', { status: 413 }) },
  { name: 'rate limited with Retry-After', error: new GatewayError('rate_limited', 'too many requests', { status: 429, retryAfter: 7 }) },
  { name: 'server error', error: new GatewayError('upstream_error', 'internal failure', { status: 500 }) },
  { name: 'overloaded', error: new GatewayError('upstream_error', 'overloaded', { status: 529 }) },
];

/**
 * Case × pair combinations that cannot be expressed or honoured, with the reason. The table
 * asserts each one is refused with a clear error rather than quietly run.
 */
export const unsupportedCombinations: Array<{ caseName: string; format?: ClientFormatName; wire?: WireFormat; reason: string; request?: CanonicalRequest }> = [
  {
    caseName: 'JSON object output',
    format: 'anthropic',
    reason: 'Anthropic Messages has no schema-less JSON mode for a client to ask for (output_config.format needs a schema)',
  },
  {
    caseName: 'JSON object output with tools',
    wire: 'anthropic',
    reason: 'a json_object answer needs a forced output tool, which would stop the model from calling the client’s tools',
    request: { ...base, messages: ask('x'), tools: [weatherTool], responseFormat: { type: 'json_object' } },
  },
  {
    caseName: 'seed and penalties',
    format: 'anthropic',
    reason: 'Anthropic Messages has no seed or penalties for a client to ask for',
  },
  {
    caseName: 'seed and penalties',
    wire: 'anthropic',
    reason: 'Anthropic Messages has no seed or penalties to carry them',
    request: { ...base, messages: ask('x'), seed: 42, presencePenalty: 0.5 },
  },
  {
    caseName: 'several choices (n > 1)',
    format: 'openai-chat',
    reason: 'a canonical response holds one choice; n > 1 works only when an OpenAI client is passed through to an OpenAI-compatible provider',
    request: { ...base, messages: ask('x'), extras: { 'openai-chat.n': 3 } },
  },
  {
    caseName: 'Anthropic server tools',
    format: 'anthropic',
    wire: 'openai',
    reason: 'Anthropic-hosted tools (web search, code execution) run on Anthropic only',
    request: { ...base, messages: ask('x'), extras: { 'anthropic.tools': [{ type: 'web_search_20250305', name: 'web_search' }] } },
  },
];
