// Bugs found by driving the optimisation features through a real `serve` process with the official
// SDKs: each test here failed before its fix. The response cache must tell apart requests whose
// answers differ, and prompt-cache hints must keep the client's own breakpoints as written.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeAnthropic, type FakeAnthropic } from './fakes/fake-anthropic';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { textReply } from './fakes/scripted-reply';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-hunt';
const KEY = 'sy-hunt-0123456789';
const AGENT = 'sy-agent-0123456789';
/** The fake upstreams and the gateway in front of them. */
let an: FakeAnthropic, oa: FakeOpenAI, gateway: SpawnedGateway;
let anthropic: Anthropic;
let agent: Anthropic;
let agentOpenAI: OpenAI;

const SONNET = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };
const NPM_OUTPUT = 'npm warn deprecated inflight@1.0.6: This module is not supported\n'.repeat(80) + 'added 200 packages\n';

before(async () => {
  an = await startFakeAnthropic();
  oa = await startFakeOpenAI({ reply: () => textReply('ok', { fresh: 100, output: 5 }) });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'an', kind: 'anthropic', baseUrl: `${an.url}/v1`, apiKey: 'sk-an', prices: { 'claude-sonnet-4-5': SONNET } },
      { id: 'oa', kind: 'openai', baseUrl: `${oa.url}/v1`, apiKey: 'sk-oa', prices: { 'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 } } },
    ],
    routes: [
      { name: 'claude', targets: ['an/claude-sonnet-4-5'] },
      { name: 'gpt', targets: ['oa/gpt-4o'] },
    ],
    clients: [
      { name: 'hunt', key: KEY },
      { name: 'agent', key: AGENT, optimize: { compression: { enabled: true } } },
    ],
  });
  anthropic = new Anthropic({ apiKey: KEY, baseURL: gateway.url, maxRetries: 0 });
  agent = new Anthropic({ apiKey: AGENT, baseURL: gateway.url, maxRetries: 0 });
  agentOpenAI = new OpenAI({ apiKey: AGENT, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await gateway?.stop();
  await an?.close();
  await oa?.close();
});

/** The /v1/messages calls the fake received since `from`. */
function messagesSince(from: number) {
  return an.requests.slice(from).filter((r) => r.path === '/v1/messages');
}

test('response cache: an anthropic-beta header the upstream receives is part of the key', async () => {
  let answer = 0;
  an.reply = () => textReply(`answer ${++answer}`);
  const body = { model: 'claude', max_tokens: 64, temperature: 0, messages: [{ role: 'user' as const, content: 'which beta?' }] };
  const from = an.requests.length;
  const plain = await anthropic.messages.create(body);
  const beta = await anthropic.messages.create(body, { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } });
  const sent = messagesSince(from);
  assert.equal(sent.length, 2, 'the beta request reaches the upstream instead of replaying the plain answer');
  assert.equal(sent[1]!.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14');
  assert.notDeepEqual(beta.content, plain.content);
  // The same beta again is an exact repeat: answered from the cache.
  const again = await anthropic.messages.create(body, { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } }).withResponse();
  assert.equal(again.response.headers.get('x-switchyard-cache'), 'hit');
  assert.deepEqual(again.data.content, beta.content);
});

test('compression re-encodes the request with the client\'s cache_control ttl kept', async () => {
  an.reply = () => textReply('installed');
  const from = an.requests.length;
  await agent.messages.create({
    model: 'claude', max_tokens: 64,
    system: [{ type: 'text', text: 'You are a careful coding agent.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [
      { role: 'user', content: 'install the dependencies' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'bash', input: { command: 'npm install' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: NPM_OUTPUT, cache_control: { type: 'ephemeral', ttl: '1h' } }] },
    ],
  });
  const [sent] = messagesSince(from);
  const result = sent!.body.messages[2].content[0];
  assert.ok(result.content[0].text.length < NPM_OUTPUT.length, 'the tool output was compressed, so the request was re-encoded');
  assert.deepEqual(sent!.body.system[0].cache_control, { type: 'ephemeral', ttl: '1h' });
  assert.deepEqual(result.cache_control, { type: 'ephemeral', ttl: '1h' });
});

test('prompt-cache hints: a client breakpoint on a tool is kept, and the gateway adds none of its own', async () => {
  an.reply = () => textReply('done');
  const from = an.requests.length;
  await anthropic.messages.create({
    model: 'claude', max_tokens: 64,
    system: 'You are a careful coding agent.',
    tools: [{ name: 'bash', description: 'Runs a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } }, cache_control: { type: 'ephemeral' } }],
    messages: [
      { role: 'user', content: 'list the files' },
      { role: 'assistant', content: 'Which folder?' },
      { role: 'user', content: 'the current one' },
    ],
  });
  const [sent] = messagesSince(from);
  assert.deepEqual(sent!.body.tools[0].cache_control, { type: 'ephemeral' }, 'the client\'s breakpoint reaches the upstream');
  assert.equal(sent!.raw.split('cache_control').length - 1, 1, 'no breakpoint besides the client\'s own');
});

test('compression: a Chat request carrying only account hints (prompt_cache_key, metadata) is still compressed', async () => {
  const from = oa.requests.length;
  await agentOpenAI.chat.completions.create({
    model: 'gpt',
    prompt_cache_key: 'my-agent-session',
    metadata: { run: '42' },
    messages: [
      { role: 'user', content: 'install the dependencies' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: JSON.stringify({ command: 'npm install' }) } }] },
      { role: 'tool', tool_call_id: 'c1', content: NPM_OUTPUT },
    ],
  });
  const sent = oa.requests.slice(from).find((r) => r.path === '/v1/chat/completions')!;
  assert.ok(sent.body.messages[2].content.length < NPM_OUTPUT.length, 'the tool output reached the upstream compressed');
  assert.equal(sent.body.prompt_cache_key, 'my-agent-session', 'the client\'s own key, not one of the gateway\'s');
  assert.deepEqual(sent.body.metadata, { run: '42' });
});

test('prompt_cache_key: a Responses client\'s own key reaches OpenAI instead of the gateway\'s', async () => {
  const from = oa.requests.length;
  await agentOpenAI.responses.create({ model: 'gpt', input: 'keep my cache key', prompt_cache_key: 'my-responses-session' });
  const sent = oa.requests.slice(from).find((r) => r.path === '/v1/chat/completions')!;
  assert.equal(sent.body.prompt_cache_key, 'my-responses-session');
});
