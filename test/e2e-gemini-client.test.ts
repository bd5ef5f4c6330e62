// Google's SDK side: @google/genai against a real `switchyard serve`, translated to an OpenAI
// upstream and an Anthropic upstream, and passed through to a Gemini upstream. Model names carry
// a `/` (`oa/gpt-4o`), which the SDK puts in the URL path as `models/oa/gpt-4o:generateContent`.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, GoogleGenAI, type Content, type FunctionDeclaration } from '@google/genai';
import { systemText } from './fakes/fake-anthropic';
import { startE2EWorld, expectedCost, MODELS, PRICES, type E2EWorld } from './fakes/start-e2e-world';
import { codingAgentHistory, codingAgentSystem, codingAgentTools, BIG_TOOL_RESULT } from './fakes/coding-agent-request';

let world: E2EWorld;
let ai: GoogleGenAI;
/** Bodies exactly as the SDK put them on the wire. */
const sent: string[] = [];
const realFetch = globalThis.fetch;

before(async () => {
  world = await startE2EWorld();
  ai = new GoogleGenAI({ apiKey: 'unused-locally', httpOptions: { baseUrl: world.gateway.url } });
  // The SDK calls the global fetch; record what it sends to the gateway.
  globalThis.fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    if (String(url).includes('Content') && typeof init?.body === 'string') sent.push(init.body);
    return realFetch(url, init);
  };
});
after(async () => {
  globalThis.fetch = realFetch;
  await world?.close();
});
beforeEach(() => world.resetReplies());

const weather: FunctionDeclaration = { name: 'get_weather', description: 'Current weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

for (const [provider, model] of [['openai', MODELS.openai], ['anthropic', MODELS.anthropic]] as const) {
  test(`genai generateContent → ${provider} upstream: function calling over two turns`, async () => {
    let turn = 0;
    world[provider].reply = () =>
      ++turn === 1
        ? { parts: [{ call: { id: 'call_w1', name: 'get_weather', args: { city: 'Lima' } } }], usage: { fresh: 60, output: 14 } }
        : { parts: [{ text: 'Lima: 19C.' }], usage: { fresh: 90, output: 5 } };
    const config = { systemInstruction: 'Use tools when useful.', tools: [{ functionDeclarations: [weather] }], maxOutputTokens: 256 };
    const first = await ai.models.generateContent({ model, contents: 'Weather in Lima?', config });
    assert.deepEqual(first.functionCalls?.map((c) => [c.name, c.args]), [['get_weather', { city: 'Lima' }]]);
    assert.equal(first.candidates?.[0]?.finishReason, 'STOP');
    assert.deepEqual({ p: first.usageMetadata?.promptTokenCount, c: first.usageMetadata?.candidatesTokenCount }, { p: 60, c: 14 });

    const history: Content[] = [
      { role: 'user', parts: [{ text: 'Weather in Lima?' }] },
      first.candidates![0]!.content!,
      { role: 'user', parts: [{ functionResponse: { id: first.functionCalls![0]!.id, name: 'get_weather', response: { output: '19C, cloudy' } } }] },
    ];
    const second = await ai.models.generateContent({ model, contents: history, config });
    assert.equal(second.text, 'Lima: 19C.');

    const body = (provider === 'openai' ? world.openai : world.anthropic).requests.at(-1)!.body;
    if (provider === 'openai') {
      assert.deepEqual(body.messages[0], { role: 'system', content: 'Use tools when useful.' });
      assert.deepEqual(body.tools[0].function.parameters, weather.parametersJsonSchema);
      assert.equal(body.messages[2].tool_calls[0].function.name, 'get_weather');
      const tool = body.messages[3];
      assert.equal(tool.role, 'tool');
      assert.equal(tool.tool_call_id, body.messages[2].tool_calls[0].id, 'the result answers the call it belongs to');
      assert.match(tool.content, /19C, cloudy/);
      assert.equal(body.max_tokens ?? body.max_completion_tokens, 256);
    } else {
      assert.equal(systemText(body.system), 'Use tools when useful.');
      assert.deepEqual(body.tools[0].input_schema, weather.parametersJsonSchema);
      const use = body.messages[1].content.find((b: any) => b.type === 'tool_use');
      const result = body.messages[2].content[0];
      assert.equal(result.type, 'tool_result');
      assert.equal(result.tool_use_id, use.id);
      assert.match(JSON.stringify(result.content), /19C, cloudy/);
      assert.equal(body.max_tokens, 256);
    }
  });

  test(`genai generateContentStream → ${provider} upstream: text arrives in chunks, usage on the last, the row is priced`, async () => {
    const usage = { fresh: 25, output: 7, cacheRead: provider === 'anthropic' ? 400 : 64 };
    world[provider].reply = () => ({ parts: [{ text: 'Streaming through Switchyard.' }], usage });
    const mark = await world.recordedCount();
    const stream = await ai.models.generateContentStream({ model, contents: 'Say it.' });
    const texts: string[] = [];
    let last: any;
    for await (const chunk of stream) {
      texts.push(chunk.text ?? '');
      last = chunk;
    }
    assert.equal(texts.join(''), 'Streaming through Switchyard.');
    assert.ok(texts.filter(Boolean).length > 1, 'several chunks');
    assert.equal(last.candidates[0].finishReason, 'STOP');
    assert.deepEqual({ p: last.usageMetadata.promptTokenCount, cached: last.usageMetadata.cachedContentTokenCount, c: last.usageMetadata.candidatesTokenCount }, { p: 25 + usage.cacheRead, cached: usage.cacheRead, c: 7 });
    const row = await world.rowAfter(mark);
    assert.deepEqual({ input: row.inputTokens, output: row.outputTokens, cached: row.cachedTokens, target: row.target }, { input: 25 + usage.cacheRead, output: 7, cached: usage.cacheRead, target: model });
    assert.ok(Math.abs(row.costUsd! - expectedCost(usage, PRICES[provider])) < 1e-12, `cost ${row.costUsd}`);
  });
}

test('genai → gemini upstream: passed through, the upstream receives exactly the SDK’s body under its own model name', async () => {
  world.gemini.reply = () => ({ parts: [{ reasoning: 'Thinking it over.', signature: 'c2ln' }, { text: 'Native answer.' }], usage: { fresh: 10, output: 9, reasoning: 4 } });
  const config = { systemInstruction: 'Be brief.', tools: [{ functionDeclarations: [weather] }], thinkingConfig: { thinkingBudget: 512, includeThoughts: true }, temperature: 0.3 };
  const mark = await world.recordedCount();
  const whole = await ai.models.generateContent({ model: MODELS.gemini, contents: 'Hello?', config });
  const received = world.gemini.requests.at(-1)!;
  assert.equal(received.raw, sent.at(-1), 'byte for byte');
  assert.deepEqual([received.model, received.action, received.headers['x-goog-api-key']], ['gemini-2.5-flash', 'generateContent', 'gm-upstream-key']);
  assert.equal(whole.text, 'Native answer.');
  assert.equal(whole.usageMetadata?.thoughtsTokenCount, 4);
  const row = await world.rowAfter(mark);
  // Gemini counts thoughts apart from candidates; the recorded output includes them.
  assert.deepEqual({ input: row.inputTokens, output: row.outputTokens, target: row.target }, { input: 10, output: 9, target: MODELS.gemini });
  assert.ok(Math.abs(row.costUsd! - expectedCost({ fresh: 10, output: 9 }, PRICES.gemini)) < 1e-12, `cost ${row.costUsd}`);

  const stream = await ai.models.generateContentStream({ model: MODELS.gemini, contents: 'Hello again?', config });
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  assert.equal(text, 'Native answer.');
  const streamed = world.gemini.requests.at(-1)!;
  assert.equal(streamed.raw, sent.at(-1));
  assert.deepEqual([streamed.action, streamed.query.get('alt')], ['streamGenerateContent', 'sse']);
});

test('genai → anthropic upstream: a coding agent’s request (long system prompt, 24 tools, a 50 KB function response, many turns) arrives whole', async () => {
  world.anthropic.reply = () => ({ parts: [{ call: { id: 'toolu_x', name: 'git_diff', args: { path: '.' } } }], usage: { fresh: 17000, output: 10 } });
  const response = await ai.models.generateContent({
    model: MODELS.anthropic,
    contents: codingAgentHistory('gemini') as Content[],
    config: { systemInstruction: codingAgentSystem, tools: [{ functionDeclarations: codingAgentTools.map((t) => ({ name: t.name, description: t.description, parametersJsonSchema: t.parameters })) }] },
  });
  assert.equal(response.functionCalls?.[0]?.name, 'git_diff');
  const body = world.anthropic.requests.at(-1)!.body;
  assert.equal(systemText(body.system), codingAgentSystem);
  assert.deepEqual(body.tools.map((t: any) => t.name), codingAgentTools.map((t) => t.name));
  assert.deepEqual(body.tools[12].input_schema, codingAgentTools[12]!.parameters);
  const results = body.messages.flatMap((m: any) => m.content).filter((b: any) => b.type === 'tool_result');
  assert.ok(JSON.stringify(results[0].content).includes(JSON.stringify(BIG_TOOL_RESULT).slice(1, -1)), 'the 50 KB function response arrives unchanged');
  // Gemini carries no call ids: each result still answers the call before it.
  const uses = body.messages.flatMap((m: any) => m.content).filter((b: any) => b.type === 'tool_use');
  assert.deepEqual(results.map((r: any) => r.tool_use_id), uses.map((u: any) => u.id));
});

test('genai → openai upstream: a PDF part is refused with a Gemini 400 that says what and why', async () => {
  const before = world.openai.requests.length;
  await assert.rejects(
    ai.models.generateContent({ model: MODELS.openai, contents: [{ role: 'user', parts: [{ text: 'Summarise' }, { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjQ=' } }] }] }),
    (err: unknown) => {
      assert.ok(err instanceof ApiError, String(err));
      assert.equal(err.status, 400);
      assert.match(err.message, /inlineData/);
      assert.match(err.message, /INVALID_ARGUMENT/);
      return true;
    },
  );
  assert.equal(world.openai.requests.length, before, 'nothing was sent upstream');
});

test('genai ← anthropic upstream failing mid-stream: the SDK raises the error after the text so far', async () => {
  world.anthropic.reply = () => ({ parts: [{ text: 'Part of an answer that breaks' }], failAfterFrames: 4 });
  const stream = await ai.models.generateContentStream({ model: MODELS.anthropic, contents: 'x' });
  let text = '';
  await assert.rejects(
    (async () => {
      for await (const chunk of stream) text += chunk.text ?? '';
    })(),
    (err: unknown) => {
      assert.match(String(err), /overloaded/i);
      return true;
    },
  );
  assert.ok(text.length > 0 && 'Part of an answer that breaks'.startsWith(text), text);
});

const upstreamErrors: Array<{ name: string; status: number; retryAfter?: number; clientStatus: number; grpc: string }> = [
  { name: '400 invalid request', status: 400, clientStatus: 400, grpc: 'INVALID_ARGUMENT' },
  // The client's own key was fine: a refused provider key is the gateway's failure, not a 401 (post-to-provider.ts).
  { name: '401 provider key rejected', status: 401, clientStatus: 502, grpc: 'INTERNAL' },
  { name: '500 server error', status: 500, clientStatus: 500, grpc: 'INTERNAL' },
  // Last: a 429 rests the provider's key for Retry-After seconds, so later requests would be refused.
  { name: '429 rate limited', status: 429, retryAfter: 30, clientStatus: 429, grpc: 'RESOURCE_EXHAUSTED' },
];

for (const row of upstreamErrors) {
  for (const provider of ['openai', 'anthropic'] as const) {
    test(`genai ← ${provider} upstream ${row.name}: a Gemini ApiError with the right status`, async () => {
      const message = `upstream says ${row.name}`;
      world[provider].reply = () => ({ parts: [], error: { status: row.status, message, ...(row.retryAfter ? { retryAfter: row.retryAfter } : {}) } });
      await assert.rejects(ai.models.generateContent({ model: MODELS[provider], contents: 'x' }), (err: unknown) => {
        assert.ok(err instanceof ApiError, String(err));
        assert.equal(err.status, row.clientStatus);
        assert.ok(err.message.includes(message), err.message);
        if (row.grpc) assert.ok(err.message.includes(row.grpc), err.message);
        return true;
      });
    });
  }
}
