// Codex's side: the official openai SDK's Responses API against a real `switchyard serve`,
// translated to an Anthropic upstream and an OpenAI (Chat Completions) upstream.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { systemText } from './fakes/fake-anthropic';
import { startE2EWorld, expectedCost, MODELS, PRICES, type E2EWorld } from './fakes/start-e2e-world';
import { codingAgentHistory, codingAgentSystem, codingAgentTools, BIG_TOOL_RESULT } from './fakes/coding-agent-request';

let world: E2EWorld;
let client: OpenAI;

before(async () => {
  world = await startE2EWorld();
  client = new OpenAI({ apiKey: 'unused-locally', baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
});
after(async () => world?.close());
beforeEach(() => world.resetReplies());

const shell: OpenAI.Responses.FunctionTool = {
  type: 'function', name: 'shell', description: 'Run a shell command', strict: false,
  parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] },
};

test('responses.create → anthropic upstream: instructions become the system prompt, output_text and usage come back, the row is priced', async () => {
  const usage = { fresh: 40, output: 11, cacheRead: 900 };
  world.anthropic.reply = () => ({ parts: [{ text: 'Done: 3 files changed.' }], usage });
  const mark = await world.recordedCount();
  const response = await client.responses.create({ model: MODELS.anthropic, instructions: 'You are a coding agent.', input: 'Summarise the diff.', max_output_tokens: 300 });
  assert.equal(response.output_text, 'Done: 3 files changed.');
  assert.equal(response.status, 'completed');
  assert.equal(response.model, MODELS.anthropic);
  assert.deepEqual({ in: response.usage?.input_tokens, cached: response.usage?.input_tokens_details.cached_tokens, out: response.usage?.output_tokens }, { in: 940, cached: 900, out: 11 });
  const body = world.anthropic.requests.at(-1)!.body;
  assert.equal(systemText(body.system), 'You are a coding agent.');
  assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Summarise the diff.' }] }]);
  assert.equal(body.max_tokens, 300);
  const row = await world.rowAfter(mark);
  assert.deepEqual({ input: row.inputTokens, output: row.outputTokens, cached: row.cachedTokens }, { input: 940, output: 11, cached: 900 });
  assert.ok(Math.abs(row.costUsd! - expectedCost(usage, PRICES.anthropic)) < 1e-12, `cost ${row.costUsd}`);
});

for (const [provider, model] of [['anthropic', MODELS.anthropic], ['openai', MODELS.openai]] as const) {
  test(`responses.stream → ${provider} upstream: a function call streams as events, its output goes back on the second turn`, async () => {
    let turn = 0;
    world[provider].reply = () =>
      ++turn === 1
        ? { parts: [{ text: 'Listing files.' }, { call: { id: 'call_ls', name: 'shell', args: { command: ['ls', '-la'] } } }], usage: { fresh: 100, output: 20 } }
        : { parts: [{ text: 'There are two files.' }], usage: { fresh: 150, output: 6 } };
    const stream = client.responses.stream({ model, input: 'What files are here?', tools: [shell] });
    const types: string[] = [];
    let argumentDeltas = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.function_call_arguments.delta') argumentDeltas += event.delta;
    }
    const first = await stream.finalResponse();
    assert.equal(types[0], 'response.created');
    assert.equal(types.at(-1), 'response.completed');
    for (const expected of ['response.output_item.added', 'response.output_text.delta', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done']) {
      assert.ok(types.includes(expected), `${expected} in ${types.join(', ')}`);
    }
    assert.deepEqual(JSON.parse(argumentDeltas), { command: ['ls', '-la'] });
    const call = first.output.find((item) => item.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    assert.deepEqual([call.call_id, call.name, JSON.parse(call.arguments)], ['call_ls', 'shell', { command: ['ls', '-la'] }]);
    assert.equal(first.output_text, 'Listing files.');

    const second = await client.responses.create({
      model, tools: [shell],
      input: [
        { role: 'user', content: 'What files are here?' },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        { type: 'function_call_output', call_id: 'call_ls', output: 'a.txt\nb.txt' },
      ],
    });
    assert.equal(second.output_text, 'There are two files.');
    const body = (provider === 'anthropic' ? world.anthropic : world.openai).requests.at(-1)!.body;
    if (provider === 'anthropic') {
      assert.deepEqual(body.tools, [{ name: 'shell', description: 'Run a shell command', input_schema: shell.parameters }]);
      const [, assistant, results] = body.messages;
      assert.deepEqual(assistant.content.find((b: any) => b.type === 'tool_use'), { type: 'tool_use', id: 'call_ls', name: 'shell', input: { command: ['ls', '-la'] } });
      // With the prompt-cache breakpoint Switchyard adds to the newest turn by default (README "Prompt-cache hints").
      assert.deepEqual(results, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_ls', content: [{ type: 'text', text: 'a.txt\nb.txt' }], cache_control: { type: 'ephemeral' } }] });
    } else {
      assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'shell', description: 'Run a shell command', parameters: shell.parameters, strict: false } }]);
      const assistant = body.messages.find((m: any) => m.role === 'assistant');
      assert.deepEqual(assistant.tool_calls, [{ id: 'call_ls', type: 'function', function: { name: 'shell', arguments: '{"command":["ls","-la"]}' } }]);
      assert.deepEqual(body.messages.at(-1), { role: 'tool', tool_call_id: 'call_ls', content: 'a.txt\nb.txt' });
    }
  });
}

test('responses → anthropic upstream: signed thinking comes back as a reasoning item and returns to Anthropic intact on the next turn', async () => {
  let turn = 0;
  world.anthropic.reply = () =>
    ++turn === 1
      ? { parts: [{ reasoning: 'Need to list files first.', signature: 'EqQBCkYIBxgCKkA' }, { call: { id: 'toolu_ls', name: 'shell', args: { command: ['ls'] } } }], usage: { fresh: 90, output: 40, reasoning: 25 } }
      : { parts: [{ text: 'Two files.' }] };
  const first = await client.responses.create({ model: MODELS.anthropic, input: 'What files are here?', tools: [shell], reasoning: { effort: 'medium', summary: 'auto' }, max_output_tokens: 16000 });
  const reasoning = first.output.find((item) => item.type === 'reasoning');
  assert.ok(reasoning && reasoning.type === 'reasoning');
  assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'Need to list files first.' }]);
  assert.ok(typeof reasoning.encrypted_content === 'string' && reasoning.encrypted_content.length > 0, 'the signature rides in encrypted_content');
  const thinking = world.anthropic.requests.at(-1)!.body.thinking;
  assert.equal(thinking.type, 'enabled');
  assert.ok(thinking.budget_tokens > 0 && thinking.budget_tokens < 16000, 'an effort becomes a thinking budget below max_tokens');

  await client.responses.create({
    model: MODELS.anthropic, tools: [shell], reasoning: { effort: 'medium', summary: 'auto' }, max_output_tokens: 16000,
    input: [{ role: 'user', content: 'What files are here?' }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: 'toolu_ls', output: 'a.txt' }],
  });
  const assistant = world.anthropic.requests.at(-1)!.body.messages[1];
  assert.deepEqual(assistant.content[0], { type: 'thinking', thinking: 'Need to list files first.', signature: 'EqQBCkYIBxgCKkA' });
  assert.deepEqual(assistant.content[1], { type: 'tool_use', id: 'toolu_ls', name: 'shell', input: { command: ['ls'] } });
});

test('responses → openai upstream: a coding agent’s request (long instructions, 24 tools, a 50 KB tool output, many turns) arrives whole', async () => {
  world.openai.reply = () => ({ parts: [{ call: { id: 'call_next', name: 'run_tests', args: { path: '.' } } }], usage: { fresh: 19000, output: 12 } });
  const response = await client.responses.create({
    model: MODELS.openai, instructions: codingAgentSystem,
    tools: codingAgentTools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: t.parameters, strict: false })),
    input: codingAgentHistory('responses') as OpenAI.Responses.ResponseInputItem[],
  });
  assert.equal(response.output.find((i) => i.type === 'function_call')?.type === 'function_call' && (response.output.find((i) => i.type === 'function_call') as any).name, 'run_tests');
  const body = world.openai.requests.at(-1)!.body;
  assert.deepEqual(body.messages[0], { role: 'system', content: codingAgentSystem });
  assert.equal(body.tools.length, 24);
  assert.deepEqual(body.tools[7].function.parameters, codingAgentTools[7]!.parameters);
  assert.equal(body.messages.find((m: any) => m.role === 'tool' && m.tool_call_id === 'call_read_1')?.content, BIG_TOOL_RESULT);
});

test('responses → anthropic upstream: the built-in web_search tool is refused with a 400 that says what and why', async () => {
  const before = world.anthropic.requests.length;
  await assert.rejects(client.responses.create({ model: MODELS.anthropic, input: 'News today?', tools: [{ type: 'web_search' }] }), (err: unknown) => {
    assert.ok(err instanceof OpenAI.BadRequestError, String(err));
    assert.match(err.message, /web_search/);
    assert.match(err.message, /anthropic/i);
    return true;
  });
  assert.equal(world.anthropic.requests.length, before, 'nothing was sent upstream');
});

for (const provider of ['anthropic', 'openai'] as const) {
  test(`responses.stream ← ${provider} upstream failing mid-stream: the SDK surfaces the error event after the text so far`, async () => {
    world[provider].reply = () => ({ parts: [{ text: 'Half of an answer, then nothing' }], failAfterFrames: 4 });
    const stream = client.responses.stream({ model: MODELS[provider], input: 'x' });
    let text = '';
    let failure: unknown;
    stream.on('response.output_text.delta', (e) => (text += e.delta));
    try {
      for await (const event of stream) if (event.type === 'error') failure = event;
      await stream.finalResponse();
    } catch (err) {
      failure ??= err;
    }
    assert.ok(failure, 'the failure reaches the client');
    // Anthropic says overloaded_error; OpenAI's stream error is a server_error.
    assert.match(JSON.stringify(failure) + String(failure), provider === 'anthropic' ? /overloaded/i : /server had an error/i);
    assert.ok(text.length > 0 && 'Half of an answer, then nothing'.startsWith(text), text);
  });
}

const upstreamErrors: Array<{ name: string; status: number; retryAfter?: number; expected: new (...args: any[]) => Error; clientStatus: number }> = [
  { name: '400 invalid request', status: 400, expected: OpenAI.BadRequestError, clientStatus: 400 },
  // The client's own key was fine: a refused provider key is the gateway's failure, not a 401 (post-to-provider.ts).
  { name: '401 provider key rejected', status: 401, expected: OpenAI.InternalServerError, clientStatus: 502 },
  { name: '500 server error', status: 500, expected: OpenAI.InternalServerError, clientStatus: 500 },
  // Last: a 429 rests the provider's key for Retry-After seconds, so later requests would be refused.
  { name: '429 rate limited', status: 429, retryAfter: 30, expected: OpenAI.RateLimitError, clientStatus: 429 },
];

for (const row of upstreamErrors) {
  for (const provider of ['anthropic', 'openai'] as const) {
    test(`responses ← ${provider} upstream ${row.name}: an OpenAI error of the right class and status`, async () => {
      const message = `upstream says ${row.name}`;
      world[provider].reply = () => ({ parts: [], error: { status: row.status, message, ...(row.retryAfter ? { retryAfter: row.retryAfter } : {}) } });
      await assert.rejects(client.responses.create({ model: MODELS[provider], input: 'x' }), (err: unknown) => {
        assert.ok(err instanceof row.expected, `${String(err)} is a ${row.expected.name}`);
        assert.ok(err instanceof OpenAI.APIError);
        assert.equal(err.status, row.clientStatus);
        assert.ok(err.message.includes(message), err.message);
        return true;
      });
    });
  }
}
