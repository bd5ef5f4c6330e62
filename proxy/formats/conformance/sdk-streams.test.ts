// The official SDKs parse what our client formats write: streams (including the SDKs' own
// accumulating helpers), whole responses and error bodies, served from a loopback HTTP server.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GatewayError } from '../../errors';
import type { ProviderCodec } from '../../providers/codec';
import { anthropicCodec } from '../../providers/anthropic/anthropic-codec';
import { THINKING_STREAM } from '../../providers/anthropic/fixtures/anthropic-wire';
import { openaiCodec } from '../../providers/openai/openai-codec';
import { TOOL_STREAM } from '../../providers/openai/fixtures/openai-wire';
import type { CanonicalResponse, StreamEvent } from '../canonical';
import type { ClientFormat } from '../client-format';
import { anthropicFormat } from '../anthropic/anthropic-format';
import { openaiChatFormat } from '../openai-chat/openai-chat-format';
import { decodeSseText, encodeEventsText } from './stream-harness';

/**
 * What the next request gets: a stream of events, a whole response, an error, or a captured
 * upstream stream translated frame by frame through a provider codec (the gateway's real path).
 */
type Reply =
  | { events: StreamEvent[] }
  | { response: CanonicalResponse }
  | { error: GatewayError }
  | { upstreamSse: string; codec: ProviderCodec<any> };

let reply: Reply = { events: [] };
let server: http.Server;
let baseUrl = '';

function serve(format: ClientFormat<any>, res: http.ServerResponse, body: unknown): void {
  if ('error' in reply) {
    const rendered = format.renderError(reply.error);
    res.writeHead(rendered.status, { 'content-type': 'application/json', ...rendered.headers });
    res.end(JSON.stringify(rendered.body));
  } else if ('response' in reply) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(format.encodeResponse(reply.response, 'smart')));
  } else {
    res.writeHead(200, { 'content-type': format.streamContentType });
    const events = 'events' in reply ? reply.events : decodeSseText(reply.codec, reply.upstreamSse);
    // Written in pieces so the SDK parses across chunk boundaries, as it would over a network.
    const text = encodeEventsText(format, 'smart', events, body);
    for (let i = 0; i < text.length; i += 13) res.write(text.slice(i, i + 13));
    res.end();
  }
}

before(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body: unknown = JSON.parse(raw || '{}');
      serve(req.url?.includes('/messages') ? anthropicFormat : openaiChatFormat, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const openai = () => new OpenAI({ apiKey: 'test', baseURL: baseUrl, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: 'test', baseURL: baseUrl.replace(/\/v1$/, ''), maxRetries: 0 });

const richEvents: StreamEvent[] = [
  { type: 'start', id: 'up-1', model: 'upstream-model' },
  { type: 'reasoning_delta', text: 'Thinking it over. ' },
  { type: 'reasoning_delta', text: 'Done.' },
  { type: 'reasoning_delta', text: '', signature: 'c2lnbmF0dXJl' },
  { type: 'text_delta', text: 'Let me ' },
  { type: 'text_delta', text: 'check.' },
  { type: 'tool_call_start', index: 0, id: 'call_1', name: 'get_weather' },
  { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
  { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
  { type: 'tool_call_start', index: 1, id: 'call_2', name: 'get_time' },
  { type: 'tool_call_delta', index: 1, argumentsDelta: '{"tz":"CET"}' },
  { type: 'finish', reason: 'tool_calls' },
  { type: 'usage', usage: { inputTokens: 120, outputTokens: 40, cachedInputTokens: 100, reasoningTokens: 12 } },
];

test('OpenAI SDK: chat.completions.stream() assembles our chunks into a final completion', async () => {
  reply = { events: richEvents };
  const stream = openai().chat.completions.stream({ model: 'smart', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });
  const final = await stream.finalChatCompletion();
  const choice = final.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.equal(choice.message.content, 'Let me check.');
  assert.deepEqual(choice.message.tool_calls?.map((c) => c.type === 'function' && [c.id, c.function.name, JSON.parse(c.function.arguments)]), [
    ['call_1', 'get_weather', { city: 'Paris' }],
    ['call_2', 'get_time', { tz: 'CET' }],
  ]);
  assert.equal(final.model, 'smart');
  assert.equal(final.usage?.prompt_tokens, 120);
  assert.equal(final.usage?.prompt_tokens_details?.cached_tokens, 100);
  assert.equal(final.usage?.completion_tokens_details?.reasoning_tokens, 12);
});

test('OpenAI SDK: raw chunk iteration sees usage only when asked for', async () => {
  reply = { events: richEvents };
  const chunks = [];
  for await (const chunk of await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }], stream: true })) chunks.push(chunk);
  assert.ok(chunks.every((c) => !c.usage));
  assert.equal(chunks[chunks.length - 1].choices[0].finish_reason, 'tool_calls');
});

test('OpenAI SDK: a mid-stream error frame surfaces as an APIError', async () => {
  reply = { events: [{ type: 'start', id: 'x', model: 'm' }, { type: 'text_delta', text: 'par' }, { type: 'error', error: new GatewayError('upstream_error', 'upstream broke', { status: 502 }) }] };
  const stream = await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }], stream: true });
  await assert.rejects(async () => {
    for await (const _chunk of stream) void _chunk;
  }, (err: unknown) => err instanceof OpenAI.APIError && err.message.includes('upstream broke'));
});

test('OpenAI SDK: a whole completion parses', async () => {
  reply = { response: { id: 'r', model: 'u', created: 5, parts: [{ type: 'text', text: 'Hello' }], finishReason: 'length', usage: { inputTokens: 3, outputTokens: 2 } } };
  const completion = await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0].message.content, 'Hello');
  assert.equal(completion.choices[0].finish_reason, 'length');
  assert.equal(completion.usage?.total_tokens, 5);
});

test('OpenAI SDK: error bodies map onto its error classes', async () => {
  reply = { error: new GatewayError('budget_exceeded', 'client ci spent its budget', { status: 429 }) };
  await assert.rejects(openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) =>
    err instanceof OpenAI.RateLimitError && err.code === 'budget_exceeded' && err.type === 'insufficient_quota' && err.message.includes('spent its budget'));
  reply = { error: new GatewayError('invalid_request', "'messages' must not be empty") };
  await assert.rejects(openai().chat.completions.create({ model: 'smart', messages: [] }), (err: unknown) => err instanceof OpenAI.BadRequestError);
});

test('Anthropic SDK: messages.stream().finalMessage() assembles our events', async () => {
  reply = { events: richEvents };
  const stream = anthropic().messages.stream({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  const texts: string[] = [];
  stream.on('text', (t) => texts.push(t));
  const message = await stream.finalMessage();
  assert.equal(texts.join(''), 'Let me check.');
  assert.equal(message.stop_reason, 'tool_use');
  assert.deepEqual(message.content.map((b) => b.type), ['thinking', 'text', 'tool_use', 'tool_use']);
  const [thinking, , first, second] = message.content;
  assert.ok(thinking.type === 'thinking' && thinking.thinking === 'Thinking it over. Done.' && thinking.signature === 'c2lnbmF0dXJl');
  assert.ok(first.type === 'tool_use' && first.id === 'call_1' && first.name === 'get_weather');
  assert.deepEqual(first.input, { city: 'Paris' });
  assert.ok(second.type === 'tool_use');
  assert.deepEqual(second.input, { tz: 'CET' });
  // Usage reported after the finish reason (OpenAI upstream order) still reaches the final message.
  assert.equal(message.usage.output_tokens, 40);
  assert.equal(message.usage.input_tokens, 20);
  assert.equal(message.usage.cache_read_input_tokens, 100);
});

test('Anthropic SDK: a mid-stream error event rejects finalMessage()', async () => {
  reply = { events: [{ type: 'start', id: 'x', model: 'm' }, { type: 'text_delta', text: 'par' }, { type: 'error', error: new GatewayError('upstream_error', 'Overloaded', { status: 529 }) }] };
  const stream = anthropic().messages.stream({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  await assert.rejects(stream.finalMessage(), (err: unknown) => err instanceof Anthropic.APIError && err.message.includes('Overloaded'));
});

test('Anthropic SDK: a whole message parses', async () => {
  reply = { response: { id: 'r', model: 'u', parts: [{ type: 'text', text: 'Hi' }], finishReason: 'stop_sequence', stopSequence: '##', usage: { inputTokens: 30, outputTokens: 2, cachedInputTokens: 10 } } };
  const message = await anthropic().messages.create({ model: 'smart', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(message.stop_reason, 'stop_sequence');
  assert.equal(message.stop_sequence, '##');
  assert.equal(message.usage.input_tokens, 20);
});

test('Anthropic SDK: error bodies map onto its error classes', async () => {
  reply = { error: new GatewayError('rate_limited', 'slow down', { retryAfter: 3 }) };
  await assert.rejects(anthropic().messages.create({ model: 'smart', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) =>
    err instanceof Anthropic.RateLimitError && err.status === 429 && err.headers?.get('retry-after') === '3');
  reply = { error: new GatewayError('not_found', 'model: nope') };
  await assert.rejects(anthropic().messages.create({ model: 'nope', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => err instanceof Anthropic.NotFoundError);
});

test('OpenAI upstream → Anthropic client: a captured OpenAI tool-call stream reaches finalMessage()', async () => {
  reply = { upstreamSse: TOOL_STREAM, codec: openaiCodec };
  const message = await anthropic().messages.stream({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
  assert.equal(message.stop_reason, 'tool_use');
  assert.deepEqual(message.content.map((b) => (b.type === 'tool_use' ? [b.id, b.name, b.input] : b.type)), [
    ['call_a', 'get_weather', { city: 'Paris' }],
    ['call_b', 'get_time', { tz: 'CET' }],
  ]);
});

test('Anthropic upstream → OpenAI client: a captured thinking stream reaches finalChatCompletion()', async () => {
  reply = { upstreamSse: THINKING_STREAM, codec: anthropicCodec };
  const stream = openai().chat.completions.stream({ model: 'smart', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });
  const final = await stream.finalChatCompletion();
  assert.equal(final.choices[0].message.content, '27 * 453 = 12,231');
  assert.equal(final.choices[0].finish_reason, 'stop');
  assert.equal((final.choices[0].message as unknown as { reasoning_content?: string }).reasoning_content, '27 * 453 = 12231');
  // Anthropic's 10 uncached + 90 cache-read input tokens are 100 prompt tokens to OpenAI, 90 of them cached.
  assert.equal(final.usage?.prompt_tokens, 100);
  assert.equal(final.usage?.prompt_tokens_details?.cached_tokens, 90);
  assert.equal(final.usage?.completion_tokens, 40);
});
