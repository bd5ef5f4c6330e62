// Claude Code's side: the official @anthropic-ai/sdk against a real `switchyard serve`, reaching an
// OpenAI upstream, a Gemini upstream (both translated) and an Anthropic upstream (passed through),
// each a fake speaking its provider's documented wire format.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { countTokens } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { startE2EWorld, expectedCost, MODELS, PRICES, type E2EWorld } from './fakes/start-e2e-world';
import type { ScriptedReply } from './fakes/scripted-reply';
import { codingAgentHistory, codingAgentSystem, codingAgentTools, BIG_TOOL_RESULT } from './fakes/coding-agent-request';

let world: E2EWorld;
let client: Anthropic;
/** Bodies exactly as the SDK put them on the wire. */
const sent: string[] = [];

before(async () => {
  world = await startE2EWorld();
  client = new Anthropic({
    apiKey: 'unused-locally',
    baseURL: world.gateway.url,
    maxRetries: 0,
    fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
      if (typeof init?.body === 'string') sent.push(init.body);
      return fetch(url, init);
    },
  });
});
after(async () => world?.close());
beforeEach(() => world.resetReplies());

const weather: Anthropic.Tool = { name: 'get_weather', description: 'Current weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

test('anthropic SDK → openai upstream: streamed text assembles with finalMessage, usage recorded and priced', async () => {
  const usage = { fresh: 120, output: 9, cacheRead: 64 };
  world.openai.reply = () => ({ parts: [{ text: 'Bonjour, Ada!' }], usage });
  const mark = await world.recordedCount();
  const stream = client.messages.stream({ model: MODELS.openai, max_tokens: 200, system: 'You are terse.', messages: [{ role: 'user', content: 'Greet Ada in French.' }] });
  const deltas: string[] = [];
  stream.on('text', (t) => deltas.push(t));
  const message = await stream.finalMessage();
  assert.equal(message.content.length, 1);
  assert.equal(message.content[0]!.type === 'text' && message.content[0]!.text, 'Bonjour, Ada!');
  assert.ok(deltas.length > 1, 'text arrives in several deltas');
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.model, MODELS.openai, 'the client sees the model it asked for');
  // Anthropic's input_tokens excludes cache reads; OpenAI's prompt_tokens includes them.
  assert.deepEqual({ in: message.usage.input_tokens, read: message.usage.cache_read_input_tokens, out: message.usage.output_tokens }, { in: 120, read: 64, out: 9 });

  const upstream = world.openai.requests.at(-1)!.body;
  assert.equal(upstream.model, 'gpt-4o');
  assert.deepEqual(upstream.messages, [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Greet Ada in French.' }]);
  assert.equal(upstream.stream, true);
  assert.deepEqual(upstream.stream_options, { include_usage: true }, 'a translated stream asks for usage');

  const row = await world.rowAfter(mark);
  assert.deepEqual({ target: row.target, input: row.inputTokens, output: row.outputTokens, cached: row.cachedTokens }, { target: MODELS.openai, input: 184, output: 9, cached: 64 });
  assert.ok(Math.abs(row.costUsd! - expectedCost(usage, PRICES.openai)) < 1e-12, `cost ${row.costUsd}`);
});

test('anthropic SDK → openai upstream: tools, tool results and thinking cross over; the tool call comes back as tool_use', async () => {
  world.openai.reply = () => ({ parts: [{ text: 'Checking Rome.' }, { call: { id: 'call_rome', name: 'get_weather', args: { city: 'Rome' } } }], usage: { fresh: 300, output: 40, reasoning: 25 } });
  const stream = client.messages.stream({
    model: MODELS.openai,
    max_tokens: 4000,
    thinking: { type: 'enabled', budget_tokens: 2048 },
    tools: [weather],
    messages: [
      { role: 'user', content: 'Weather in Paris, then Rome?' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'Use the tool.', signature: 'sig-1' }, { type: 'tool_use', id: 'toolu_paris', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_paris', content: '18C, sunny' }] },
    ],
  });
  const message = await stream.finalMessage();
  assert.equal(message.stop_reason, 'tool_use');
  const call = message.content.find((b) => b.type === 'tool_use');
  assert.ok(call && call.type === 'tool_use');
  assert.deepEqual({ id: call.id, name: call.name, input: call.input }, { id: 'call_rome', name: 'get_weather', input: { city: 'Rome' } });

  const upstream = world.openai.requests.at(-1)!.body;
  assert.deepEqual(upstream.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: weather.input_schema } }]);
  assert.ok(typeof upstream.reasoning_effort === 'string', 'a thinking budget becomes a reasoning effort');
  const assistant = upstream.messages.find((m: any) => m.role === 'assistant');
  assert.deepEqual(assistant.tool_calls, [{ id: 'toolu_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
  assert.deepEqual(upstream.messages.find((m: any) => m.role === 'tool'), { role: 'tool', tool_call_id: 'toolu_paris', content: '18C, sunny' });
});

test('anthropic SDK → gemini upstream: thoughts stream as thinking, a function call becomes tool_use, its result travels back by name', async () => {
  world.gemini.reply = (body) =>
    body.contents.length === 1
      ? { parts: [{ reasoning: 'The user wants weather.', signature: 'gem-sig' }, { call: { id: '', name: 'get_weather', args: { city: 'Oslo' } } }], usage: { fresh: 50, output: 30, reasoning: 20 } }
      : { parts: [{ text: 'Oslo is 3C.' }], usage: { fresh: 80, output: 6 } };
  const first = await client.messages.stream({
    model: MODELS.gemini, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, tools: [weather],
    messages: [{ role: 'user', content: 'Weather in Oslo?' }],
  }).finalMessage();
  const thinking = first.content.find((b) => b.type === 'thinking');
  assert.ok(thinking && thinking.type === 'thinking' && thinking.thinking === 'The user wants weather.');
  const call = first.content.find((b) => b.type === 'tool_use');
  assert.ok(call && call.type === 'tool_use' && call.name === 'get_weather');
  assert.deepEqual(call.input, { city: 'Oslo' });
  assert.ok(call.id.length > 0, 'Gemini gives no call id; one is made up');
  assert.equal(first.stop_reason, 'tool_use');
  assert.deepEqual({ in: first.usage.input_tokens, out: first.usage.output_tokens }, { in: 50, out: 30 });
  const firstUpstream = world.gemini.requests.at(-1)!;
  assert.equal(firstUpstream.action, 'streamGenerateContent');
  assert.equal(firstUpstream.query.get('alt'), 'sse');
  assert.deepEqual(firstUpstream.body.tools[0].functionDeclarations[0].name, 'get_weather');
  assert.equal(firstUpstream.body.generationConfig.thinkingConfig.thinkingBudget, 1024);

  const second = await client.messages.create({
    model: MODELS.gemini, max_tokens: 1024, tools: [weather],
    messages: [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: first.content.map((b) => (b.type === 'thinking' ? { type: 'thinking' as const, thinking: b.thinking, signature: b.signature } : b)) as Anthropic.ContentBlockParam[] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '3C, snow' }] },
    ],
  });
  assert.equal(second.content[0]!.type === 'text' && second.content[0]!.text, 'Oslo is 3C.');
  const contents = world.gemini.requests.at(-1)!.body.contents;
  assert.equal(contents.length, 3);
  const response = contents[2].parts.find((p: any) => p.functionResponse)?.functionResponse;
  assert.equal(response?.name, 'get_weather', 'Gemini needs the tool name, found from the earlier call');
  assert.ok(JSON.stringify(response.response).includes('3C, snow'));
  const call1 = contents[1].parts.find((p: any) => p.functionCall?.name === 'get_weather');
  assert.equal(call1?.thoughtSignature, 'gem-sig', 'Gemini gets its own thought signature back on the call, through an Anthropic client');
});

test('anthropic SDK → anthropic upstream: passed through, the upstream receives the client body with only the model changed', async () => {
  world.anthropic.reply = () => ({ parts: [{ reasoning: 'Short.', signature: 'sig-abc' }, { text: 'Hi there.' }], usage: { fresh: 10, output: 12, cacheRead: 2000, cacheWrite: 300 } });
  const mark = await world.recordedCount();
  const message = await client.messages.stream({
    model: MODELS.anthropic, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 },
    system: [{ type: 'text', text: 'Long cached context.', cache_control: { type: 'ephemeral' } }],
    tools: [weather], metadata: { user_id: 'u-7' },
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hi.' }] }],
  }, { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } }).finalMessage();
  const received = world.anthropic.requests.at(-1)!;
  const clientBody = JSON.parse(sent.at(-1)!);
  assert.equal(received.raw, JSON.stringify({ ...clientBody, model: 'claude-sonnet-4-5' }));
  assert.equal(received.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14', 'the client’s beta header is forwarded');
  assert.equal(received.headers['x-api-key'], 'an-upstream-key');
  assert.deepEqual(message.content.map((b) => b.type), ['thinking', 'text']);
  assert.equal(message.content[0]!.type === 'thinking' && message.content[0]!.signature, 'sig-abc');
  const row = await world.rowAfter(mark);
  // Canonical input includes cache reads and writes: 10 + 2000 + 300.
  assert.deepEqual({ input: row.inputTokens, output: row.outputTokens, cached: row.cachedTokens }, { input: 2310, output: 12, cached: 2000 });
  assert.ok(Math.abs(row.costUsd! - expectedCost({ fresh: 10, output: 12, cacheRead: 2000, cacheWrite: 300 }, PRICES.anthropic)) < 1e-12, `cost ${row.costUsd}`);
});

test('anthropic SDK → anthropic upstream with unsigned thinking in the history (an earlier turn another provider answered): re-encoded without it instead of passed through to be refused', async () => {
  // What a client echoes back after a turn answered through translation: Switchyard gave it `signature: ""`.
  const earlier: Anthropic.ContentBlockParam[] = [{ type: 'thinking', thinking: 'Think first.', signature: '' }, { type: 'text', text: 'Paris.' }];
  world.anthropic.reply = () => ({ parts: [{ text: 'Berlin.' }], usage: { fresh: 30, output: 3 } });
  const message = await client.messages.create({
    model: MODELS.anthropic, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [{ role: 'user', content: 'Capital of France?' }, { role: 'assistant', content: earlier }, { role: 'user', content: 'And Germany?' }],
  }, { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } });
  assert.equal(message.content[0]!.type === 'text' && message.content[0]!.text, 'Berlin.');
  const received = world.anthropic.requests.at(-1)!;
  const blocks = (received.body.messages as Array<{ content: unknown }>).flatMap((m) => (Array.isArray(m.content) ? m.content : [])) as Array<{ type: string; text?: string }>;
  assert.ok(!blocks.some((b) => b.type === 'thinking'), JSON.stringify(received.body.messages));
  assert.ok(blocks.some((b) => b.type === 'text' && b.text === 'Paris.'), 'the rest of the turn is kept');
  assert.equal(received.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14', 'still the client’s API: its beta header goes along');
});

test('count_tokens: forwarded to an anthropic or gemini upstream, counted exactly for an o200k model, refused for an unknown tokenizer', async () => {
  world.anthropic.countTokens = 1234;
  const forwarded = await client.messages.countTokens({ model: MODELS.anthropic, messages: [{ role: 'user', content: 'Hello there' }] });
  assert.equal(forwarded.input_tokens, 1234);
  const seen = world.anthropic.requests.at(-1)!;
  assert.equal(seen.path, '/v1/messages/count_tokens');
  assert.equal(seen.body.model, 'claude-sonnet-4-5');

  const counted = await client.messages.countTokens({ model: MODELS.openai, system: 'You are terse.', messages: [{ role: 'user', content: 'Hello there' }, { role: 'assistant', content: 'Hi.' }, { role: 'user', content: 'Count me.' }] });
  // OpenAI's documented chat framing: 3 tokens per message plus its role and text, 3 priming the reply.
  const frame = (role: string, text: string) => 3 + countTokens(role) + countTokens(text);
  assert.equal(counted.input_tokens, 3 + frame('system', 'You are terse.') + frame('user', 'Hello there') + frame('assistant', 'Hi.') + frame('user', 'Count me.'));

  world.gemini.countTokens = 77;
  const viaGemini = await client.messages.countTokens({ model: MODELS.gemini, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello there' }] });
  assert.equal(viaGemini.input_tokens, 77);
  const geminiSeen = world.gemini.requests.at(-1)!;
  assert.deepEqual([geminiSeen.model, geminiSeen.action], ['gemini-2.5-flash', 'countTokens']);
  assert.equal(geminiSeen.body.generateContentRequest.model, 'models/gemini-2.5-flash');
  assert.deepEqual(geminiSeen.body.generateContentRequest.contents, [{ role: 'user', parts: [{ text: 'Hello there' }] }]);

  await assert.rejects(client.messages.countTokens({ model: 'mystery', messages: [{ role: 'user', content: 'x' }] }), (err: unknown) => {
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.match(err.message, /mystery-model-1/);
    assert.match(err.message, /tokenizer/);
    return true;
  });
});

test('anthropic SDK → gemini upstream: a coding agent’s request (long system prompt, 24 tools, a 50 KB tool result, many turns) arrives whole', async () => {
  world.gemini.reply = () => ({ parts: [{ call: { id: '', name: 'read_file', args: { path: 'src/next.ts' } } }], usage: { fresh: 20000, output: 15 } });
  const message = await client.messages.stream({ model: MODELS.gemini, max_tokens: 8192, system: codingAgentSystem, tools: codingAgentTools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters as Anthropic.Tool.InputSchema })), messages: codingAgentHistory('anthropic') as Anthropic.MessageParam[] }).finalMessage();
  assert.equal(message.stop_reason, 'tool_use');
  const body = world.gemini.requests.at(-1)!.body;
  assert.equal(body.systemInstruction.parts.map((p: any) => p.text).join(''), codingAgentSystem);
  assert.deepEqual(body.tools[0].functionDeclarations.map((d: any) => d.name), codingAgentTools.map((t) => t.name));
  assert.deepEqual(body.tools[0].functionDeclarations[5].parametersJsonSchema, codingAgentTools[5]!.parameters);
  const results = body.contents.flatMap((c: any) => c.parts).filter((p: any) => p.functionResponse);
  assert.ok(results.some((p: any) => JSON.stringify(p.functionResponse.response).includes(JSON.stringify(BIG_TOOL_RESULT))), 'the 50 KB tool result arrives unchanged');
  assert.equal(body.contents.length, codingAgentHistory('anthropic').length);
});

test('anthropic SDK ← gemini upstream failing mid-stream: the stream ends with an error the SDK raises, after the text so far', async () => {
  world.gemini.reply = () => ({ parts: [{ text: 'The answer is forty-two, as everyone knows.' }], failAfterFrames: 2 });
  const stream = client.messages.stream({ model: MODELS.gemini, max_tokens: 100, messages: [{ role: 'user', content: 'x' }] });
  const deltas: string[] = [];
  stream.on('text', (t) => deltas.push(t));
  await assert.rejects(stream.finalMessage(), (err: unknown) => {
    assert.ok(err instanceof Anthropic.APIError, String(err));
    assert.match(err.message, /overloaded/i);
    return true;
  });
  assert.ok(deltas.join('').length > 0 && 'The answer is forty-two, as everyone knows.'.startsWith(deltas.join('')));
});

const upstreamErrors: Array<{ name: string; reply: ScriptedReply; expected: new (...args: any[]) => Error; status: number }> = [
  { name: '400 invalid request', reply: { parts: [], error: { status: 400, message: 'messages: bad tool schema' } }, expected: Anthropic.BadRequestError, status: 400 },
  // The client's own key was fine: a refused provider key is the gateway's failure, not a 401 (post-to-provider.ts).
  { name: '401 provider key rejected', reply: { parts: [], error: { status: 401, message: 'Incorrect API key provided' } }, expected: Anthropic.InternalServerError, status: 502 },
  { name: '500 server error', reply: { parts: [], error: { status: 500, message: 'The server had an error' } }, expected: Anthropic.InternalServerError, status: 500 },
  // Last: a 429 rests the provider's key for Retry-After seconds, so later requests would be refused.
  { name: '429 rate limited', reply: { parts: [], error: { status: 429, message: 'Rate limit reached', retryAfter: 30 } }, expected: Anthropic.RateLimitError, status: 429 },
];

for (const row of upstreamErrors) {
  for (const [provider, model] of [['openai', MODELS.openai], ['gemini', MODELS.gemini]] as const) {
    test(`anthropic SDK ← ${provider} upstream ${row.name}: an Anthropic error of the right class and status`, async () => {
      world[provider].reply = () => row.reply;
      await assert.rejects(client.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }), (err: unknown) => {
        assert.ok(err instanceof row.expected, `${String(err)} is a ${row.expected.name}`);
        assert.ok(err instanceof Anthropic.APIError);
        assert.equal(err.status, row.status);
        assert.equal((err.error as any)?.type, 'error', 'an Anthropic error body');
        assert.ok(err.message.includes(row.reply.error!.message), err.message);
        return true;
      });
    });
  }
}
