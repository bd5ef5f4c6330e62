// Optimisation end to end through a real `serve` process: the response cache (JSON and streams,
// hits logged at $0 with the original cost as the saving), Anthropic breakpoints and OpenAI
// prompt_cache_key on the wire, compression with exact counts from the provider's count endpoint,
// an unmeasurable compression recorded at $0, and the advisor reading the recorded traffic.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-for-tests';
const AGENT_KEY = 'sy-agent-0123456789';
const CI_KEY = 'sy-ci-0123456789';
let openaiFake: FakeOpenAI;
let anthropic: FakeAnthropic;
let gateway: SpawnedGateway;
let client: OpenAI;

interface FakeAnthropic {
  url: string;
  messages: any[];
  headers: http.IncomingHttpHeaders[];
  counts: Array<{ body: any; tokens: number }>;
  close(): Promise<void>;
}

/** Anthropic Messages as documented: JSON and SSE answers, count_tokens counting text characters / 4. */
async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const messages: any[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const counts: Array<{ body: any; tokens: number }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = JSON.parse(text);
      if (req.url === '/v1/messages/count_tokens') {
        const tokens = Math.ceil(JSON.stringify(body).length / 4);
        counts.push({ body, tokens });
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ input_tokens: tokens }));
      }
      messages.push(body);
      headers.push(req.headers);
      const cacheRead = body.model === 'claude-cached' ? 2000 : 0;
      const usage = { input_tokens: 100, output_tokens: 5, cache_read_input_tokens: cacheRead, cache_creation_input_tokens: 0 };
      const message = { id: 'msg_1', type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text: 'Hi there' }], stop_reason: 'end_turn', stop_sequence: null, usage };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(message));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
      send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
      send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } });
      send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there' } });
      send('content_block_stop', { type: 'content_block_stop', index: 0 });
      send('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } });
      send('message_stop', { type: 'message_stop' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/v1`, messages, headers, counts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const NPM_OUTPUT = Array.from({ length: 80 }, () => 'npm warn deprecated inflight@1.0.6: This module is not supported').join('\n') + '\nadded 200 packages\n';
const SONNET = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

before(async () => {
  openaiFake = await startFakeOpenAI({ usage: { prompt: 1000, completion: 200, cached: 400 } });
  anthropic = await startFakeAnthropic();
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'alpha', kind: 'openai', baseUrl: `${openaiFake.url}/v1`, apiKey: 'sk-a', prices: { 'm-large': { input: 3, output: 15, cachedInput: 0.3 } } },
      { id: 'ant', kind: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-ant', prices: { 'claude-sonnet-4-5': SONNET, 'claude-cached': SONNET, 'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 } } },
    ],
    routes: [
      { name: 'smart', targets: ['alpha/m-large'] },
      { name: 'claude', targets: ['ant/claude-sonnet-4-5'] },
      { name: 'claude-cached', targets: ['ant/claude-cached'] },
    ],
    clients: [
      { name: 'ci', key: CI_KEY },
      { name: 'agent', key: AGENT_KEY, optimize: { compression: { enabled: true } } },
    ],
  });
  client = new OpenAI({ apiKey: CI_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await gateway?.stop();
  await openaiFake?.close();
  await anthropic?.close();
});

async function admin(path: string): Promise<any> {
  const res = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  assert.equal(res.status, 200);
  return res.json();
}

/** Ledger writes happen after the answer: wait for an entry of the request. */
async function ledgerEntries(requestId: string, count = 1): Promise<any[]> {
  for (let i = 0; i < 100; i++) {
    const ledger = await admin('/api/ledger?limit=1000');
    const entries = ledger.entries.filter((e: any) => e.requestId === requestId);
    if (entries.length >= count) return entries;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ledger entry for ${requestId}`);
}

async function anthropicCall(key: string, body: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...extraHeaders }, body: JSON.stringify(body) });
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

test('temperature 0: the repeat is answered from the cache, logged at $0, its original cost in the ledger', async () => {
  const params = { model: 'smart', temperature: 0, messages: [{ role: 'user' as const, content: 'cache me' }] };
  const before = openaiFake.requests.length;
  const first = await client.chat.completions.create(params).withResponse();
  const firstId = first.response.headers.get('x-switchyard-request-id')!;
  assert.equal(first.response.headers.get('x-switchyard-cache'), null);
  // The first answer is stored a tick after it went out.
  await ledgerEntries(firstId);
  const second = await client.chat.completions.create(params).withResponse();
  assert.equal(second.response.headers.get('x-switchyard-cache'), 'hit');
  assert.equal(second.response.headers.get('x-switchyard-target'), 'alpha/m-large');
  assert.equal(second.data.choices[0]!.message.content, first.data.choices[0]!.message.content);
  assert.equal(openaiFake.requests.length - before, 1, 'the upstream saw one request');

  // First request: (1000 − 400) × 3 + 400 × 0.3 + 200 × 15 = 4920 µ$.
  const hitId = second.response.headers.get('x-switchyard-request-id')!;
  const [hit] = await ledgerEntries(hitId);
  assert.equal(hit.method, 'response_cache');
  close(hit.baseline, 0.00492);
  assert.equal(hit.actual, 0);
  close(hit.savedUsd, 0.00492);
  assert.equal(hit.evidence.originalRequestId, firstId);
  const { requests } = await admin('/api/requests?limit=10');
  const logged = requests.find((r: any) => r.id === hitId);
  assert.equal(logged.costUsd, 0);
  assert.equal(logged.status, 200);
  assert.deepEqual(logged.attempts, []);
});

test('temperature 0 with account hints is cached; a stored completion (store: true) never is', async () => {
  // An answer is stored a tick after it went out; these requests leave no ledger entry to wait for.
  const settled = () => new Promise((r) => setTimeout(r, 200));
  const hinted = { model: 'smart', temperature: 0, prompt_cache_key: 'session-1', messages: [{ role: 'user' as const, content: 'hinted' }] };
  const first = await client.chat.completions.create(hinted).withResponse();
  await settled();
  const again = await client.chat.completions.create(hinted).withResponse();
  assert.equal(again.response.headers.get('x-switchyard-cache'), 'hit');

  const stored = { model: 'smart', temperature: 0, store: true, messages: [{ role: 'user' as const, content: 'keep this one' }] };
  const before = openaiFake.requests.length;
  const a = await client.chat.completions.create(stored).withResponse();
  await settled();
  const b = await client.chat.completions.create(stored).withResponse();
  assert.equal(b.response.headers.get('x-switchyard-cache'), null);
  assert.equal(openaiFake.requests.length - before, 2, 'both reached OpenAI, which stores each');
  assert.equal(openaiFake.requests.at(-1)!.body.store, true);
});

test('a streamed answer is cached and replayed as a stream, and as JSON', async () => {
  const params = { model: 'smart', temperature: 0, messages: [{ role: 'user' as const, content: 'stream me' }] };
  const before = openaiFake.requests.length;
  const collect = async () => {
    const { data: stream, response } = await client.chat.completions.create({ ...params, stream: true }).withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    return { text, response };
  };
  const first = await collect();
  assert.equal(first.text, 'Hello from the fake upstream.');
  await ledgerEntries(first.response.headers.get('x-switchyard-request-id')!);
  const replay = await collect();
  assert.equal(replay.response.headers.get('x-switchyard-cache'), 'hit');
  assert.match(replay.response.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(replay.text, first.text);
  const json = await client.chat.completions.create(params).withResponse();
  assert.equal(json.response.headers.get('x-switchyard-cache'), 'hit');
  assert.equal(json.data.choices[0]!.message.content, first.text);
  assert.equal(openaiFake.requests.length - before, 1);
});

test('no temperature: never cached; OpenAI gets a stable prompt_cache_key, and its cache hit is in the ledger unverified', async () => {
  const params = { model: 'smart', messages: [{ role: 'system' as const, content: 'be brief' }, { role: 'user' as const, content: 'sampled' }] };
  const before = openaiFake.requests.length;
  const a = await client.chat.completions.create(params).withResponse();
  const b = await client.chat.completions.create(params).withResponse();
  assert.equal(b.response.headers.get('x-switchyard-cache'), null);
  assert.equal(openaiFake.requests.length - before, 2);
  const keys = openaiFake.requests.slice(before).map((r) => r.body.prompt_cache_key);
  assert.match(keys[0], /^sy-[0-9a-f]{32}$/);
  assert.equal(keys[0], keys[1]);
  // OpenAI caches long prompts without a key too, so the hit is evidence, not a saving:
  // 400 cached tokens × ($3 − $0.30) per M = 0.00108 of discount, $0 counted.
  const [entry] = await ledgerEntries(a.response.headers.get('x-switchyard-request-id')!);
  assert.equal(entry.method, 'prompt_cache');
  assert.equal(entry.savedUsd, 0);
  assert.equal(entry.verified, false);
  close(entry.evidence.cacheDiscountUsd, 0.00108);
  assert.equal(entry.evidence.cachedInputTokens, 400);
});

test('Anthropic target: breakpoints on the stable prefix when the client placed none; cache reads priced into the ledger', async () => {
  const res = await anthropicCall(CI_KEY, {
    model: 'claude-cached', max_tokens: 50, system: 'You are terse.',
    messages: [{ role: 'user', content: 'one' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'two' }],
  }, { 'anthropic-beta': 'interleaved-thinking-2025-05-14' });
  assert.equal(res.status, 200);
  // Re-encoded for the breakpoints, the request still carries the client's own API headers.
  assert.equal(anthropic.headers.at(-1)!['anthropic-beta'], 'interleaved-thinking-2025-05-14');
  const sent = anthropic.messages.at(-1);
  assert.deepEqual(sent.system, [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }]);
  assert.deepEqual(sent.messages[0].content, [{ type: 'text', text: 'one', cache_control: { type: 'ephemeral' } }]);
  assert.deepEqual(sent.messages[2].content, [{ type: 'text', text: 'two', cache_control: { type: 'ephemeral' } }]);
  // 2000 cache-read tokens × ($3 − $0.30) per M = 0.0054
  const [entry] = await ledgerEntries(res.headers.get('x-switchyard-request-id')!);
  assert.equal(entry.method, 'prompt_cache');
  close(entry.savedUsd, 0.0054);

  const own = await anthropicCall(CI_KEY, { model: 'claude', max_tokens: 50, system: [{ type: 'text', text: 'Mine.', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: 'x' }] });
  assert.equal(own.status, 200);
  const untouched = anthropic.messages.at(-1);
  assert.equal(JSON.stringify(untouched).split('cache_control').length - 1, 1, 'the client\'s own breakpoint only');
});

const agentTurn = (model: string) => ({
  model, max_tokens: 50,
  messages: [
    { role: 'user', content: 'install deps' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'npm install' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: NPM_OUTPUT }] },
  ],
});

test('compression for a client that enabled it: the upstream sees the compressed output; the saving is counted by count_tokens', async () => {
  const res = await anthropicCall(AGENT_KEY, agentTurn('claude'));
  assert.equal(res.status, 200);
  const sent = anthropic.messages.at(-1);
  const forwarded = sent.messages[2].content[0].content;
  const text = typeof forwarded === 'string' ? forwarded : forwarded.map((b: any) => b.text).join('');
  assert.ok(text.length < NPM_OUTPUT.length / 5, `compressed to ${text.length} chars`);
  assert.match(text, /added 200 packages/);
  const entries = await ledgerEntries(res.headers.get('x-switchyard-request-id')!);
  const entry = entries.find((e) => e.method === 'compression');
  assert.ok(entry, JSON.stringify(entries));
  const [original, compressed] = anthropic.counts.slice(-2);
  assert.ok(original!.tokens > compressed!.tokens);
  assert.equal(entry.verified, true);
  assert.equal(entry.evidence.baselineTokens, original!.tokens);
  assert.equal(entry.evidence.actualTokens, compressed!.tokens);
  close(entry.savedUsd, ((original!.tokens - compressed!.tokens) * 3) / 1e6);
  assert.equal(entry.evidence.countedBy, 'anthropic count_tokens');
});

test('compression whose tokens cannot be counted exactly is recorded unverified at $0 and adds nothing to the total', async () => {
  const agent = new OpenAI({ apiKey: AGENT_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const totalBefore = (await admin('/api/ledger')).totalSavedUsd;
  const { response } = await agent.chat.completions.create({
    model: 'smart',
    messages: [
      { role: 'user', content: 'install' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'shell', arguments: JSON.stringify({ command: 'npm install' }) } }] },
      { role: 'tool', tool_call_id: 'call_1', content: NPM_OUTPUT },
    ],
  }).withResponse();
  const entries = await ledgerEntries(response.headers.get('x-switchyard-request-id')!, 2);
  const entry = entries.find((e) => e.method === 'compression');
  assert.deepEqual([entry.verified, entry.savedUsd, entry.baseline, entry.actual], [false, 0, null, null]);
  assert.match(entry.evidence.unverifiedBecause, /no public tokenizer/);
  const forwarded = openaiFake.requests.at(-1)!.body.messages[2].content;
  assert.ok(forwarded.length < NPM_OUTPUT.length / 5);
  const prompt = entries.find((e) => e.method === 'prompt_cache');
  close((await admin('/api/ledger')).totalSavedUsd - totalBefore, prompt.savedUsd);
});

test('the ledger total is the sum of the verified entries', async () => {
  const ledger = await admin('/api/ledger?limit=1000');
  const sum = ledger.entries.filter((e: any) => e.verified).reduce((n: number, e: any) => n + e.savedUsd, 0);
  close(ledger.totalSavedUsd, sum);
  for (const e of ledger.entries) assert.deepEqual(Object.keys(e).filter((k) => ['requestId', 'method', 'baseline', 'actual', 'savedUsd', 'evidence'].includes(k)).length, 6);
});

test('the advisor reads the recorded traffic: a cheaper model of the same family, costly tool output, repeats', async () => {
  // Two identical sampled requests make a repeat the cache could have served.
  for (let i = 0; i < 2; i++) await anthropicCall(CI_KEY, { model: 'claude', max_tokens: 20, temperature: 0.7, messages: [{ role: 'user', content: 'same again' }] });
  await new Promise((r) => setTimeout(r, 300));
  const { suggestions } = await admin('/api/advisor');
  const byId = new Map(suggestions.map((s: any) => [s.id, s]));
  const cheaper: any = byId.get('cheaper-model-ant/claude-sonnet-4-5');
  assert.ok(cheaper, JSON.stringify(suggestions.map((s: any) => s.id)));
  assert.equal(cheaper.data.alternative, 'ant/claude-haiku-4-5');
  assert.ok(cheaper.monthlyEffectUsd > 0);
  const repeats: any = byId.get('cache-route-claude');
  assert.ok(repeats && repeats.data.repeatedRequests >= 1 && repeats.monthlyEffectUsd > 0);
  const compression: any = byId.get('enable-compression');
  assert.ok(compression);
  assert.equal(compression.data.commands[0].command, 'npm install');
  for (const s of suggestions) for (const field of ['id', 'title', 'detail', 'monthlyEffectUsd', 'data']) assert.ok(field in s);
});
