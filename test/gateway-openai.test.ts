// The gateway core end to end: the official `openai` SDK → `switchyard serve` (a real process) →
// a fake OpenAI upstream; then the request log read straight from the SQLite file.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const UPSTREAM_KEY = 'sk-upstream-secret-0123456789abcdef';
const CLIENT_KEY = 'sy-ci-0123456789';
let upstream: FakeOpenAI;
let gateway: SpawnedGateway;
let client: OpenAI;

before(async () => {
  upstream = await startFakeOpenAI({ apiKey: UPSTREAM_KEY, models: ['m-large', 'm-backup', 'fail-500', 'hang', 'garbage', 'die-mid-stream', 'emb-1'], usage: { prompt: 1000, completion: 200, cached: 400 } });
  gateway = await spawnGateway({
    adminToken: 'env:SY_ADMIN_TOKEN',
    providers: [
      { id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'env:ALPHA_KEY', timeoutMs: 1500,
        prices: { 'm-large': { input: 3.0, output: 15.0, cachedInput: 0.3 } } },
      { id: 'beta', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'env:ALPHA_KEY', prices: { 'm-backup': { input: 1, output: 2 } } },
      { id: 'dead', kind: 'openai', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'env:ALPHA_KEY' },
    ],
    routes: [
      { name: 'smart', strategy: 'fallback', targets: ['alpha/m-large', 'beta/m-backup'] },
      { name: 'failover', strategy: 'fallback', targets: ['alpha/fail-500', 'dead/x', 'beta/m-backup'] },
    ],
    clients: [{ name: 'ci', key: CLIENT_KEY }],
  }, { env: { SY_ADMIN_TOKEN: 'admin-token-for-tests', ALPHA_KEY: UPSTREAM_KEY } });
  client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function admin(path: string, init?: RequestInit) {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: 'Bearer admin-token-for-tests', 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  return { status: res.status, body: await res.json() as any };
}

test('non-streaming chat through a route: answer, headers, upstream saw the real key and model', async () => {
  const { data, response } = await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(data.choices[0]!.message.content, 'Hello from the fake upstream.');
  assert.equal(data.usage?.prompt_tokens, 1000);
  assert.equal(response.headers.get('x-switchyard-target'), 'alpha/m-large');
  assert.match(response.headers.get('x-switchyard-request-id') ?? '', /^req_[0-9a-f]{32}$/);
  assert.ok(Number(response.headers.get('x-switchyard-overhead-ms')) >= 0);
  const seen = upstream.requests.at(-1)!;
  assert.equal(seen.headers.authorization, `Bearer ${UPSTREAM_KEY}`);
  assert.equal(seen.body.model, 'm-large');
});

test('streaming without include_usage: client gets no usage chunk, gateway still records usage', async () => {
  const stream = await client.chat.completions.create({ model: 'alpha/m-large', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  let text = '';
  let usageChunks = 0;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usageChunks++;
    if (chunk.choices.length === 0) usageChunks++;
  }
  assert.equal(text, 'Hello from the fake upstream.');
  assert.equal(usageChunks, 0);
  assert.equal(upstream.requests.at(-1)!.body.stream_options.include_usage, true);
  const { body } = await admin('/api/requests?limit=1');
  assert.equal(body.requests[0].inputTokens, 1000);
  assert.equal(body.requests[0].stream, true);
});

test('pass-through keeps the client\'s bytes: only the model and stream_options values are edited', async () => {
  // Layout, number spelling and escapes that JSON.stringify would have rewritten.
  const sent = '{\n  "model" : "smart",\n  "temperature": 1.0,\n  "stream": true,\n  "messages": [{"role": "user", "content": "caf\\u00e9 \\/ 1e2"}],\n  "stream_options": {"include_usage": false}\n}';
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: sent });
  assert.equal(res.status, 200);
  await res.text();
  // The prompt-cache key (proxy/optimize) is the one field added.
  const seen = upstream.requests.at(-1)!.raw!.replace(/^\{"prompt_cache_key":"sy-[0-9a-f]+",/, '{');
  assert.equal(seen, sent.replace('"smart"', '"m-large"').replace('{"include_usage": false}', '{"include_usage":true}'));
});

test('streaming with include_usage: the usage chunk reaches the client', async () => {
  const stream = await client.chat.completions.create({ model: 'alpha/m-large', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
  let usage: OpenAI.CompletionUsage | undefined | null;
  for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
  assert.equal(usage?.completion_tokens, 200);
});

test('fallback skips a failing and an unreachable target, and records every attempt', async () => {
  const { response } = await client.chat.completions.create({ model: 'failover', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(response.headers.get('x-switchyard-target'), 'beta/m-backup');
  const { body } = await admin('/api/requests?limit=1');
  const attempts = body.requests[0].attempts;
  assert.deepEqual(attempts.map((a: any) => [a.target, a.status, a.error]), [
    ['alpha/fail-500', 500, 'upstream_error'],
    ['dead/x', null, 'upstream_unreachable'],
    ['beta/m-backup', 200, null],
  ]);
});

test('embeddings and the model list', async () => {
  const emb = await client.embeddings.create({ model: 'alpha/emb-1', input: ['a', 'b'] });
  assert.equal(emb.data.length, 2);
  const models = await client.models.list();
  const ids = models.data.map((m) => m.id);
  for (const id of ['smart', 'failover', 'alpha/m-large', 'beta/m-backup']) assert.ok(ids.includes(id), `${id} listed`);
});

test('bad input gets OpenAI-shaped errors with the right status', async () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body, headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json', ...headers } });
  const cases: Array<[string, Response, number, string]> = [
    ['invalid JSON', await post('{"model":'), 400, 'invalid_request_error'],
    ['unknown model', await post(JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] })), 404, 'invalid_request_error'],
    ['missing key', await post('{}', { authorization: '' }), 401, 'authentication_error'],
    ['wrong key', await post('{}', { authorization: 'Bearer sy-wrong-key-000' }), 401, 'authentication_error'],
    ['upstream hangs', await post(JSON.stringify({ model: 'alpha/hang', messages: [{ role: 'user', content: 'hi' }] })), 504, 'timeout_error'],
    ['upstream unreachable', await post(JSON.stringify({ model: 'dead/x', messages: [{ role: 'user', content: 'hi' }] })), 502, 'api_error'],
    ['upstream garbage', await post(JSON.stringify({ model: 'alpha/garbage', messages: [{ role: 'user', content: 'hi' }] })), 502, 'api_error'],
    ['control character in the model', await post(JSON.stringify({ model: 'alpha/m-large\u0001', messages: [{ role: 'user', content: 'hi' }] })), 400, 'invalid_request_error'],
  ];
  for (const [name, res, status, type] of cases) {
    const body = (await res.json()) as any;
    assert.equal(res.status, status, name);
    assert.equal(body.error.type, type, name);
    assert.equal(typeof body.error.message, 'string', name);
  }
  assert.ok(!upstream.requests.some((r) => String(r.body?.model).includes('\u0001')), 'a model no header can name never reaches the upstream');
  const unknown = (await (await post(JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }))).json()) as any;
  assert.match(unknown.error.message, /smart/, 'a 404 names what is available');
});

test('an upstream 4xx is passed on with the secret scrubbed', async () => {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'alpha/unknown-model', messages: [{ role: 'user', content: 'hi' }] }) });
  assert.equal(res.status, 404);
  const body = (await res.json()) as any;
  assert.equal(body.error.code, 'model_not_found');
});

test('a body over the limit is refused with 413', async () => {
  const big = JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'x'.repeat(21 * 1024 * 1024) }] });
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: big }).catch(() => undefined);
  // The server may close the socket before the client finishes sending; either way it must not be accepted.
  if (res) assert.equal(res.status, 413);
  const health = await fetch(`${gateway.url}/health`);
  assert.equal(health.status, 200);
});

test('mid-stream upstream death ends the client stream with an error, process stays up', async () => {
  const stream = await client.chat.completions.create({ model: 'alpha/die-mid-stream', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  await assert.rejects(async () => {
    for await (const _ of stream) { /* drain */ }
  });
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
});

test('admin API needs the admin token; spend groups by target', async () => {
  assert.equal((await fetch(`${gateway.url}/api/requests`)).status, 401);
  const { status, body } = await admin('/api/spend?by=target');
  assert.equal(status, 200);
  const alpha = body.rows.find((r: any) => r.key === 'alpha/m-large');
  assert.ok(alpha && alpha.requests >= 3);
});

test('admin query parameters that are present but unreadable get 400, not the default', async () => {
  for (const path of ['/api/requests?limit=abc', '/api/requests?offset=1.5', '/api/ledger?limit=ten', '/api/events?since=-x', '/api/timeseries?to=yesterday', '/api/spend?from=nope']) {
    const { status, body } = await admin(path);
    assert.equal(status, 400, path);
    assert.equal(body.error.code, 'invalid_value', path);
  }
  // Whole numbers out of range are clamped, as before.
  const { status, body } = await admin('/api/requests?limit=5000');
  assert.equal(status, 200);
  assert.ok(Array.isArray(body.requests));
});

test('pausing routing refuses client requests with 503 until resumed; the summary shows it', async () => {
  assert.equal((await admin('/api/paused', { method: 'PUT', body: JSON.stringify({ paused: 'yes' }) })).status, 400);
  assert.deepEqual((await admin('/api/paused', { method: 'PUT', body: JSON.stringify({ paused: true }) })).body, { paused: true });
  const refused = await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }).catch((err) => err);
  assert.ok(refused instanceof OpenAI.APIError);
  assert.equal(refused.status, 503);
  assert.equal(refused.code, 'routing_paused');
  assert.equal((await admin('/api/summary')).body.paused, true);
  await admin('/api/paused', { method: 'PUT', body: JSON.stringify({ paused: false }) });
  const { data } = await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(data.choices[0]!.message.content, 'Hello from the fake upstream.');
});

test('settings: where the gateway runs, and the compression and cache switches', async () => {
  const before = (await admin('/api/settings')).body;
  assert.equal(before.host, '127.0.0.1');
  assert.equal(before.port, Number(new URL(gateway.url).port));
  assert.equal(before.dataDir, gateway.dataDir);
  assert.deepEqual([before.compression.enabled, before.cache.enabled], [false, true]);
  assert.equal((await admin('/api/settings', { method: 'PUT', body: JSON.stringify({ cache: { enabled: 'no' } }) })).status, 400);
  // A misspelt switch is refused, not answered 200 with nothing changed.
  for (const body of [{ compresion: { enabled: true } }, { compression: { enabled: true, minChars: 10 } }]) {
    const typo = await admin('/api/settings', { method: 'PUT', body: JSON.stringify(body) });
    assert.equal(typo.status, 400, JSON.stringify(body));
    assert.match(typo.body.error.message, /compresion|compression\.minChars/);
  }
  assert.equal((await admin('/api/settings')).body.compression.enabled, false);
  assert.equal((await admin('/api/paused', { method: 'PUT', body: JSON.stringify({ paused: false, pause: true }) })).status, 400);
  assert.equal((await admin('/api/profile', { method: 'PUT', body: JSON.stringify({ name: null, profile: 'cheap' }) })).status, 400);
  const after = (await admin('/api/settings', { method: 'PUT', body: JSON.stringify({ compression: { enabled: true }, cache: { enabled: false } }) })).body;
  assert.deepEqual([after.compression.enabled, after.cache.enabled], [true, false]);
  await admin('/api/settings', { method: 'PUT', body: JSON.stringify({ compression: { enabled: false }, cache: { enabled: true } }) });
});

test('/metrics speaks Prometheus text with request and cost counters', async () => {
  const res = await fetch(`${gateway.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const text = await res.text();
  assert.match(text, /switchyard_requests_total\{format="openai-chat",target="alpha\/m-large",client="ci",status="2xx"\} \d+/);
  assert.match(text, /switchyard_cost_usd_total\{target="alpha\/m-large",client="ci"\} [0-9.e-]+/);
  assert.match(text, /switchyard_upstream_attempts_total\{target="alpha\/fail-500",outcome="upstream_error"\} 1/);
});

test('SIGTERM exits 0 and every request is in the SQLite file with the right cost', async () => {
  const code = await gateway.stop();
  assert.equal(code, 0);
  const db = new Database(join(gateway.dataDir, 'switchyard.db'), { readonly: true });
  const rows = db.prepare("SELECT * FROM requests WHERE target = 'alpha/m-large' AND status = 200").all() as any[];
  assert.ok(rows.length >= 3);
  // 600 uncached × $3 + 400 cached × $0.30 + 200 output × $15, per 1M tokens
  const expected = (600 * 3 + 400 * 0.3 + 200 * 15) / 1e6;
  for (const row of rows) {
    assert.equal(row.input_tokens, 1000);
    assert.equal(row.cached_tokens, 400);
    assert.ok(Math.abs(row.cost_usd - expected) < 1e-12);
  }
  const unpriced = db.prepare("SELECT cost_usd FROM requests WHERE target = 'alpha/emb-1'").get() as any;
  assert.equal(unpriced.cost_usd, null, 'no price → unknown cost, never a guess');
  const all = db.prepare('SELECT count(*) AS n FROM requests').get() as any;
  assert.ok(all.n >= 12);
  db.close();
});
