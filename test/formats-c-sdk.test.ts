// Cross-format translation driven by the official SDKs against a real `switchyard serve`, for
// the pairs and request shapes the e2e files leave out: a seed and penalties crossing between
// OpenAI and Gemini, hints only the client's own provider understands, a re-encoded request
// keeping its own API's extras, and a max-token stop reaching every client in its own words,
// streamed and whole.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import { startE2EWorld, MODELS, type E2EWorld } from './fakes/start-e2e-world';
import type { ScriptedReply } from './fakes/scripted-reply';

let world: E2EWorld;
let openai: OpenAI;
let anthropic: Anthropic;
let genai: GoogleGenAI;

before(async () => {
  world = await startE2EWorld();
  openai = new OpenAI({ apiKey: 'unused-locally', baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'unused-locally', baseURL: world.gateway.url, maxRetries: 0 });
  genai = new GoogleGenAI({ apiKey: 'unused-locally', httpOptions: { baseUrl: world.gateway.url, retryOptions: { attempts: 1 } } as never });
});
after(async () => world?.close());
beforeEach(() => world.resetReplies());

const PROVIDERS = ['openai', 'anthropic', 'gemini'] as const;
type Provider = (typeof PROVIDERS)[number];

function replyEverywhere(reply: ScriptedReply): void {
  world.openai.reply = () => reply;
  world.anthropic.reply = () => reply;
  world.gemini.reply = () => reply;
}

function lastBody(provider: Provider): Record<string, unknown> {
  return world[provider].requests.at(-1)!.body;
}

// OpenAI SDK users (and agents built on it) send these with every request. They tune the caller's
// OpenAI account only, so a request routed to Claude or Gemini must not fail because of them.
const OPENAI_HINTS = {
  store: true,
  metadata: { session: 'abc' },
  prompt_cache_key: 'conversation-42',
  safety_identifier: 'user-hash-1',
  service_tier: 'auto',
} as const;

for (const provider of ['anthropic', 'gemini'] as const) {
  test(`openai chat → ${provider} upstream: store, metadata, prompt_cache_key, safety_identifier and the default service tier are left behind, not refused`, async () => {
    const completion = await openai.chat.completions.create({ model: MODELS[provider], messages: [{ role: 'user', content: 'Hi' }], ...OPENAI_HINTS });
    assert.equal(completion.choices[0]!.message.content, provider === 'anthropic' ? 'Hello from Claude.' : 'Hello from Gemini.');
    const body = lastBody(provider);
    for (const field of [...Object.keys(OPENAI_HINTS), 'serviceTier', 'promptCacheKey']) assert.equal(body[field], undefined, `${field} is not sent to ${provider}`);

    const stream = openai.chat.completions.stream({ model: MODELS[provider], messages: [{ role: 'user', content: 'Hi' }], ...OPENAI_HINTS, stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    assert.equal(final.choices[0]!.finish_reason, 'stop');
    assert.ok(final.usage, 'usage arrives on the stream');
  });

  test(`openai chat → ${provider} upstream: a paid service tier or a real sampling feature is still refused with a 400 that names it`, async () => {
    const before = world[provider].requests.length;
    await assert.rejects(
      openai.chat.completions.create({ model: MODELS[provider], messages: [{ role: 'user', content: 'Hi' }], service_tier: 'flex', store: true }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && /service_tier/.test(err.message) && !/store/.test(err.message),
    );
    assert.equal(world[provider].requests.length, before, 'nothing reached the upstream');
  });
}

test('openai chat → gemini upstream: seed and penalties arrive as generationConfig.seed, presencePenalty and frequencyPenalty', async () => {
  const sampling = { seed: 42, presence_penalty: 0.5, frequency_penalty: -0.5 };
  const completion = await openai.chat.completions.create({ model: MODELS.gemini, messages: [{ role: 'user', content: 'Hi' }], ...sampling });
  assert.equal(completion.choices[0]!.message.content, 'Hello from Gemini.');
  assert.deepEqual(lastBody('gemini').generationConfig, { seed: 42, presencePenalty: 0.5, frequencyPenalty: -0.5 });

  const final = await openai.chat.completions.stream({ model: MODELS.gemini, messages: [{ role: 'user', content: 'Hi' }], ...sampling }).finalChatCompletion();
  assert.equal(final.choices[0]!.finish_reason, 'stop');
  assert.deepEqual(lastBody('gemini').generationConfig, { seed: 42, presencePenalty: 0.5, frequencyPenalty: -0.5 }, 'streamed too');
});

test('genai SDK → openai upstream: generationConfig seed and penalties arrive as seed, presence_penalty and frequency_penalty', async () => {
  const answer = await genai.models.generateContent({ model: MODELS.openai, contents: 'Hi', config: { seed: 7, presencePenalty: 0.25, frequencyPenalty: 1.5 } });
  assert.ok(answer.text, 'the answer reaches the genai client');
  const body = lastBody('openai');
  assert.deepEqual([body.seed, body.presence_penalty, body.frequency_penalty], [7, 0.25, 1.5]);
});

test('openai chat → anthropic upstream: a seed is refused with a 400 that names it, before any upstream call', async () => {
  const before = world.anthropic.requests.length;
  await assert.rejects(
    openai.chat.completions.create({ model: MODELS.anthropic, messages: [{ role: 'user', content: 'Hi' }], seed: 42 }),
    (err: unknown) => err instanceof OpenAI.BadRequestError && /'seed'/.test(err.message),
  );
  assert.equal(world.anthropic.requests.length, before, 'nothing reached the upstream');
});

test('genai SDK → anthropic upstream: penalties are refused with a 400 naming them as Gemini spells them', async () => {
  const before = world.anthropic.requests.length;
  await assert.rejects(genai.models.generateContent({ model: MODELS.anthropic, contents: 'Hi', config: { presencePenalty: 0.5, frequencyPenalty: 1 } }), (err: unknown) => {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, 400);
    assert.ok(err.message.includes("'generationConfig.presencePenalty', 'generationConfig.frequencyPenalty'"), err.message);
    assert.ok(!err.message.includes('presence_penalty'), err.message);
    return true;
  });
  assert.equal(world.anthropic.requests.length, before, 'nothing reached the upstream');
});

test('anthropic SDK → anthropic upstream, re-encoded for unsigned thinking in the history: its own server tools and service tier still go along', async () => {
  // Thinking another provider wrote has no Anthropic signature, so the body cannot pass through verbatim.
  const messages: Anthropic.MessageParam[] = [
    { role: 'user', content: 'Search for news.' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'Written by Gemini.', signature: '' }, { type: 'text', text: 'Which topic?' }] },
    { role: 'user', content: 'Rust.' },
  ];
  const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 2 } as const;
  const message = await anthropic.messages.create({ model: MODELS.anthropic, max_tokens: 50, tools: [webSearch], service_tier: 'auto', messages } as Anthropic.MessageCreateParamsNonStreaming);
  assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'Hello from Claude.');
  const body = lastBody('anthropic');
  assert.deepEqual(body.tools, [webSearch]);
  assert.equal(body.service_tier, 'auto');
  assert.deepEqual((body.messages as Array<{ content: Array<{ type: string }> }>)[1]!.content.map((b) => b.type), ['text'], 'the unsigned thinking is left out');
});

test('openai chat and responses ← anthropic upstream, streamed: a tool without parameters comes back with arguments "{}" the SDK can parse', async () => {
  // Claude streams such a call as a tool_use block with one empty input_json_delta and no JSON.
  world.anthropic.reply = () => ({ parts: [{ call: { id: 'toolu_now', name: 'current_time', args: {} } }, { call: { id: 'toolu_add', name: 'add', args: { a: 1 } } }] });
  const strictTools: OpenAI.ChatCompletionTool[] = [
    { type: 'function', function: { name: 'current_time', strict: true, parameters: { type: 'object', properties: {}, required: [], additionalProperties: false } } },
    { type: 'function', function: { name: 'add', strict: true, parameters: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'], additionalProperties: false } } },
  ];
  const completion = await openai.chat.completions.stream({ model: MODELS.anthropic, messages: [{ role: 'user', content: 'Time?' }], tools: strictTools }).finalChatCompletion();
  const calls = completion.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? [c.function.name, c.function.arguments, c.function.parsed_arguments] : []));
  assert.deepEqual(calls, [['current_time', '{}', {}], ['add', '{"a":1}', { a: 1 }]]);

  const response = await openai.responses.stream({ model: MODELS.anthropic, input: 'Time?', tools: strictTools.map((t) => ({ type: 'function' as const, name: t.type === 'function' ? t.function.name : '', parameters: t.type === 'function' ? t.function.parameters! : {}, strict: true })) }).finalResponse();
  assert.deepEqual(response.output.map((o) => (o.type === 'function_call' ? [o.name, o.arguments] : [o.type])), [['current_time', '{}'], ['add', '{"a":1}']]);
});

/** What each client calls a max-token stop, read through its SDK, streamed and whole. */
const LENGTH_STOPS: Array<{ client: string; read: (model: string) => Promise<unknown> }> = [
  { client: 'openai chat', read: async (model) => (await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 4 })).choices[0]!.finish_reason },
  {
    client: 'openai chat (stream helper)',
    read: async (model) => (await openai.chat.completions.stream({ model, messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 4 }).finalChatCompletion()).choices[0]!.finish_reason,
  },
  { client: 'responses', read: async (model) => (await openai.responses.create({ model, input: 'Hi', max_output_tokens: 16 })).incomplete_details?.reason },
  { client: 'responses (stream helper)', read: async (model) => (await openai.responses.stream({ model, input: 'Hi', max_output_tokens: 16 }).finalResponse()).incomplete_details?.reason },
  { client: 'anthropic', read: async (model) => (await anthropic.messages.create({ model, max_tokens: 4, messages: [{ role: 'user', content: 'Hi' }] })).stop_reason },
  { client: 'anthropic (stream helper)', read: async (model) => (await anthropic.messages.stream({ model, max_tokens: 4, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage()).stop_reason },
  { client: 'genai', read: async (model) => (await genai.models.generateContent({ model, contents: 'Hi', config: { maxOutputTokens: 4 } })).candidates?.[0]?.finishReason },
  {
    client: 'genai (stream)',
    read: async (model) => {
      let reason: unknown;
      for await (const chunk of await genai.models.generateContentStream({ model, contents: 'Hi', config: { maxOutputTokens: 4 } })) reason = chunk.candidates?.[0]?.finishReason ?? reason;
      return reason;
    },
  },
];
const LENGTH_NAMES: Record<string, string> = { 'openai chat': 'length', responses: 'max_output_tokens', anthropic: 'max_tokens', genai: 'MAX_TOKENS' };

test('a max-token stop from every provider reaches every client as its own stop reason, streamed and whole', async () => {
  replyEverywhere({ parts: [{ text: 'Partial answ' }], finish: 'length', usage: { fresh: 3, output: 4 } });
  const seen: string[] = [];
  for (const provider of PROVIDERS as readonly Provider[]) {
    for (const { client, read } of LENGTH_STOPS) seen.push(`${client} ← ${provider}: ${String(await read(MODELS[provider]))}`);
  }
  const expected = PROVIDERS.flatMap((provider) => LENGTH_STOPS.map(({ client }) => `${client} ← ${provider}: ${LENGTH_NAMES[client.replace(/ \(.*\)$/, '')]}`));
  assert.deepEqual(seen, expected);
});
