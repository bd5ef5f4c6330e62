// Cursor's side (and most apps'): the official openai SDK's Chat Completions against a real
// `switchyard serve`, translated to an Anthropic upstream and a Gemini upstream.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { systemText } from './fakes/fake-anthropic';
import { startE2EWorld, expectedCost, MODELS, PRICES, type E2EWorld } from './fakes/start-e2e-world';
import type { ScriptedReply } from './fakes/scripted-reply';
import { codingAgentHistory, codingAgentSystem, codingAgentTools, BIG_TOOL_RESULT } from './fakes/coding-agent-request';

let world: E2EWorld;
let client: OpenAI;

before(async () => {
  world = await startE2EWorld();
  client = new OpenAI({ apiKey: 'unused-locally', baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
});
after(async () => world?.close());
beforeEach(() => world.resetReplies());

const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } } },
];
const parallel: ScriptedReply = {
  parts: [{ text: 'Checking both.' }, { call: { id: 'toolu_w', name: 'get_weather', args: { city: 'Paris' } } }, { call: { id: 'toolu_t', name: 'get_time', args: { tz: 'Europe/Paris' } } }],
  usage: { fresh: 200, output: 33 },
};

test('openai chat → anthropic upstream: a whole completion, system lifted out, cache reads recorded and priced', async () => {
  const usage = { fresh: 30, output: 8, cacheRead: 5000, cacheWrite: 100 };
  world.anthropic.reply = () => ({ parts: [{ text: 'Paris.' }], usage });
  const mark = await world.recordedCount();
  const { data: completion, response } = await client.chat.completions
    .create({ model: MODELS.anthropic, messages: [{ role: 'system', content: 'Answer in one word.' }, { role: 'user', content: 'Capital of France?' }], temperature: 0.2, max_tokens: 100 })
    .withResponse();
  assert.equal(completion.choices[0]!.message.content, 'Paris.');
  assert.equal(completion.choices[0]!.finish_reason, 'stop');
  assert.equal(completion.model, MODELS.anthropic);
  assert.equal(response.headers.get('x-switchyard-target'), MODELS.anthropic);
  // OpenAI's prompt_tokens includes cached tokens; Anthropic reports them apart.
  assert.deepEqual({ prompt: completion.usage!.prompt_tokens, cached: completion.usage!.prompt_tokens_details?.cached_tokens, completion: completion.usage!.completion_tokens }, { prompt: 5130, cached: 5000, completion: 8 });

  const upstream = world.anthropic.requests.at(-1)!;
  assert.equal(upstream.headers['anthropic-version'], '2023-06-01');
  assert.equal(systemText(upstream.body.system), 'Answer in one word.');
  assert.deepEqual(upstream.body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] }]);
  assert.deepEqual({ model: upstream.body.model, max: upstream.body.max_tokens, t: upstream.body.temperature }, { model: 'claude-sonnet-4-5', max: 100, t: 0.2 });

  const row = await world.rowAfter(mark);
  assert.deepEqual({ input: row.inputTokens, output: row.outputTokens, cached: row.cachedTokens, status: row.status }, { input: 5130, output: 8, cached: 5000, status: 200 });
  assert.ok(Math.abs(row.costUsd! - expectedCost(usage, PRICES.anthropic)) < 1e-12, `cost ${row.costUsd}`);
});

test('openai chat → anthropic upstream: streamed parallel tool calls assemble with the SDK, tools translated', async () => {
  world.anthropic.reply = () => parallel;
  const stream = client.chat.completions.stream({ model: MODELS.anthropic, messages: [{ role: 'user', content: 'Weather and time in Paris?' }], tools, tool_choice: 'auto', parallel_tool_calls: true, stream_options: { include_usage: true } });
  const completion = await stream.finalChatCompletion();
  const message = completion.choices[0]!.message;
  assert.equal(message.content, 'Checking both.');
  assert.equal(completion.choices[0]!.finish_reason, 'tool_calls');
  assert.deepEqual(message.tool_calls?.map((c) => (c.type === 'function' ? [c.id, c.function.name, JSON.parse(c.function.arguments)] : [])), [
    ['toolu_w', 'get_weather', { city: 'Paris' }],
    ['toolu_t', 'get_time', { tz: 'Europe/Paris' }],
  ]);
  assert.equal(completion.usage?.completion_tokens, 33);
  const body = world.anthropic.requests.at(-1)!.body;
  assert.deepEqual(body.tools.map((t: any) => [t.name, t.input_schema]), tools.map((t) => [t.type === 'function' ? t.function.name : '', t.type === 'function' ? t.function.parameters : {}]));
  assert.equal(body.tool_choice.type, 'auto');
  assert.notEqual(body.tool_choice.disable_parallel_tool_use, true);
  assert.equal(body.stream, true);
});

test('openai chat → anthropic upstream: tool results of an earlier turn arrive as tool_result blocks after the tool_use', async () => {
  await client.chat.completions.create({
    model: MODELS.anthropic, tools,
    messages: [
      { role: 'user', content: 'Weather and time?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }, { id: 'c2', type: 'function', function: { name: 'get_time', arguments: '{"tz":"Europe/Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '3C' },
      { role: 'tool', tool_call_id: 'c2', content: '14:05' },
    ],
  });
  const messages = world.anthropic.requests.at(-1)!.body.messages;
  assert.deepEqual(messages[1].content.map((b: any) => [b.type, b.id, b.input]), [['tool_use', 'c1', { city: 'Oslo' }], ['tool_use', 'c2', { tz: 'Europe/Oslo' }]]);
  // The newest turn ends with the prompt-cache breakpoint Switchyard adds by default (README "Prompt-cache hints").
  assert.deepEqual(messages[2], { role: 'user', content: [
    { type: 'tool_result', tool_use_id: 'c1', content: [{ type: 'text', text: '3C' }] },
    { type: 'tool_result', tool_use_id: 'c2', content: [{ type: 'text', text: '14:05' }], cache_control: { type: 'ephemeral' } },
  ] });
});

const schema = { type: 'object', properties: { city: { type: 'string' }, population: { type: 'integer' } }, required: ['city', 'population'], additionalProperties: false };

test('openai chat → anthropic and gemini upstreams: a JSON schema response format is carried and the answer parses', async () => {
  world.anthropic.reply = () => ({ parts: [{ text: '{"city":"Lima","population":10000000}' }] });
  world.gemini.reply = () => ({ parts: [{ text: '{"city":"Lima","population":10000000}' }] });
  for (const model of [MODELS.anthropic, MODELS.gemini]) {
    const completion = await client.chat.completions.parse({ model, messages: [{ role: 'user', content: 'Largest city of Peru?' }], response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } } });
    assert.deepEqual(completion.choices[0]!.message.parsed, { city: 'Lima', population: 10000000 }, model);
  }
  assert.deepEqual(world.anthropic.requests.at(-1)!.body.output_config?.format?.schema, schema);
  const generation = world.gemini.requests.at(-1)!.body.generationConfig;
  assert.deepEqual({ mime: generation.responseMimeType, schema: generation.responseJsonSchema }, { mime: 'application/json', schema });
});

test('openai chat → gemini upstream: whole and streamed, parallel function calls get ids, usage with thoughts recorded', async () => {
  const usage = { fresh: 70, output: 50, reasoning: 30, cacheRead: 30 };
  world.gemini.reply = () => ({ ...parallel, usage });
  const mark = await world.recordedCount();
  const whole = await client.chat.completions.create({ model: MODELS.gemini, messages: [{ role: 'user', content: 'Weather and time in Paris?' }], tools });
  const calls = whole.choices[0]!.message.tool_calls!;
  assert.deepEqual(calls.map((c) => (c.type === 'function' ? [c.function.name, JSON.parse(c.function.arguments)] : [])), [['get_weather', { city: 'Paris' }], ['get_time', { tz: 'Europe/Paris' }]]);
  assert.equal(new Set(calls.map((c) => c.id)).size, 2, 'each call has its own id');
  assert.equal(whole.choices[0]!.finish_reason, 'tool_calls');
  assert.deepEqual({ p: whole.usage!.prompt_tokens, c: whole.usage!.completion_tokens, r: whole.usage!.completion_tokens_details?.reasoning_tokens }, { p: 100, c: 50, r: 30 });
  const row = await world.rowAfter(mark);
  assert.deepEqual({ input: row.inputTokens, output: row.outputTokens, cached: row.cachedTokens }, { input: 100, output: 50, cached: 30 });
  assert.ok(Math.abs(row.costUsd! - expectedCost(usage, PRICES.gemini)) < 1e-12, `cost ${row.costUsd}`);

  world.gemini.reply = () => ({ parts: [{ text: 'Streaming from Gemini works.' }] });
  const chunks: string[] = [];
  const stream = await client.chat.completions.create({ model: MODELS.gemini, messages: [{ role: 'user', content: 'Say so.' }], stream: true });
  for await (const chunk of stream) chunks.push(chunk.choices[0]?.delta.content ?? '');
  assert.equal(chunks.join(''), 'Streaming from Gemini works.');
  const request = world.gemini.requests.at(-1)!;
  assert.deepEqual([request.model, request.action, request.headers['x-goog-api-key']], ['gemini-2.5-flash', 'streamGenerateContent', 'gm-upstream-key']);
});

test('openai chat → anthropic upstream: a coding agent’s request (long system prompt, 24 tools, a 50 KB tool result, many turns) arrives whole', async () => {
  world.anthropic.reply = () => ({ parts: [{ call: { id: 'toolu_next', name: 'edit_file', args: { path: 'src/index.ts' } } }], usage: { fresh: 18000, output: 20 } });
  const stream = await client.chat.completions.create({
    model: MODELS.anthropic, stream: true,
    messages: [{ role: 'system', content: codingAgentSystem }, ...(codingAgentHistory('openai-chat') as OpenAI.ChatCompletionMessageParam[])],
    tools: codingAgentTools.map((t) => ({ type: 'function' as const, function: t })),
  });
  let name = '';
  for await (const chunk of stream) name += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.name ?? '';
  assert.equal(name, 'edit_file');
  const body = world.anthropic.requests.at(-1)!.body;
  assert.equal(systemText(body.system), codingAgentSystem);
  assert.equal(body.tools.length, 24);
  assert.deepEqual(body.tools[20].input_schema, codingAgentTools[20]!.parameters);
  const results = body.messages.flatMap((m: any) => m.content).filter((b: any) => b.type === 'tool_result');
  assert.equal(results[0].content[0].text, BIG_TOOL_RESULT);
  assert.deepEqual(body.messages.map((m: any) => m.role), ['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
});

test('openai chat ← anthropic upstream failing mid-stream: the SDK raises the error after the text so far', async () => {
  world.anthropic.reply = () => ({ parts: [{ text: 'Partial answer that never ends' }], failAfterFrames: 4 });
  const stream = await client.chat.completions.create({ model: MODELS.anthropic, messages: [{ role: 'user', content: 'x' }], stream: true });
  let text = '';
  await assert.rejects(
    (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })(),
    (err: unknown) => {
      assert.ok(err instanceof OpenAI.APIError, String(err));
      assert.match(err.message, /overloaded/i);
      return true;
    },
  );
  assert.ok(text.length > 0 && 'Partial answer that never ends'.startsWith(text), text);
});

const upstreamErrors: Array<{ name: string; status: number; retryAfter?: number; expected: new (...args: any[]) => Error; clientStatus: number }> = [
  { name: '400 invalid request', status: 400, expected: OpenAI.BadRequestError, clientStatus: 400 },
  // The client's own key was fine: a refused provider key is the gateway's failure, not a 401 (post-to-provider.ts).
  { name: '401 provider key rejected', status: 401, expected: OpenAI.InternalServerError, clientStatus: 502 },
  { name: '500 server error', status: 500, expected: OpenAI.InternalServerError, clientStatus: 500 },
  // Last: a 429 rests the provider's key for Retry-After seconds, so later requests would be refused.
  { name: '429 rate limited', status: 429, retryAfter: 30, expected: OpenAI.RateLimitError, clientStatus: 429 },
];

for (const row of upstreamErrors) {
  for (const provider of ['anthropic', 'gemini'] as const) {
    test(`openai chat ← ${provider} upstream ${row.name}: an OpenAI error of the right class and status`, async () => {
      const message = `upstream says ${row.name}`;
      world[provider].reply = () => ({ parts: [], error: { status: row.status, message, ...(row.retryAfter ? { retryAfter: row.retryAfter } : {}) } });
      await assert.rejects(client.chat.completions.create({ model: MODELS[provider], messages: [{ role: 'user', content: 'x' }] }), (err: unknown) => {
        assert.ok(err instanceof row.expected, `${String(err)} is a ${row.expected.name}`);
        assert.ok(err instanceof OpenAI.APIError);
        assert.equal(err.status, row.clientStatus);
        assert.ok(err.message.includes(message), err.message);
        assert.equal(typeof (err.error as any)?.type, 'string', 'an OpenAI error body');
        if (row.status === 401) {
          assert.equal((err.error as any)?.code, 'upstream_key_refused');
          assert.match(err.message, new RegExp(`provider "${MODELS[provider].split('/')[0]}" refused the key Switchyard holds for it`));
        }
        return true;
      });
    });
  }
}
