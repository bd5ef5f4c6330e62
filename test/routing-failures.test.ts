// Routing against an upstream that fails in every way, through a real `switchyard serve` process and
// the official OpenAI SDK: which target answered, how many attempts were made, how long it took, and
// how the circuit breaker moved. With a healthy fallback, no client sees an error for a failure that
// happens before the first byte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startFaultyUpstream, type Fault, type FaultRequest, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { findLoggedRequest } from './helpers/find-logged-request';

const TIMEOUT_MS = 800;
const ADMIN = 'admin-token-routing-tests';
let upstream: FaultyUpstream;
let gateway: SpawnedGateway;
let client: OpenAI;
let brkHealthy = false;

const FAULTS: Record<string, Fault> = {
  e500: { kind: 'status', status: 500 },
  e503: { kind: 'status', status: 503 },
  e429: { kind: 'status', status: 429, retryAfter: '1' },
  'e429-long': { kind: 'status', status: 429, retryAfter: '30' },
  e400: { kind: 'status', status: 400 },
  hang: { kind: 'hang' },
  reset: { kind: 'reset-before-body' },
  midreset: { kind: 'reset-mid-stream' },
  badjson: { kind: 'invalid-json' },
  slow: { kind: 'slow-first-byte', ms: 5_000 },
  slowish: { kind: 'slow-first-byte', ms: 300 },
};

function decide(req: FaultRequest): Fault {
  if (req.model === 'flaky') return req.n < 2 ? { kind: 'status', status: 503 } : { kind: 'ok' };
  if (req.model === 'once429') return req.n === 0 ? { kind: 'status', status: 429, retryAfter: '1' } : { kind: 'ok' };
  if (req.model === 'keyed') return req.key === 'key-one' ? { kind: 'status', status: 429, retryAfter: '30' } : { kind: 'ok' };
  if (req.model === 'down') return brkHealthy ? { kind: 'ok' } : { kind: 'status', status: 500 };
  return FAULTS[req.model] ?? { kind: 'ok' };
}

// One provider per failure mode, so each has its own breaker and one test's failures do not open another's.
const failover = (model: string) => ({ name: `fo-${model}`, targets: [`p-${model}/${model}`, 'backup/ok'] });

before(async () => {
  upstream = await startFaultyUpstream(decide);
  const base = `${upstream.url}/v1`;
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      ...Object.keys(FAULTS).map((fault) => ({ id: `p-${fault}`, kind: 'openai', baseUrl: base, apiKey: 'key-main', timeoutMs: TIMEOUT_MS })),
      { id: 'main', kind: 'openai', baseUrl: base, apiKey: 'key-main', timeoutMs: TIMEOUT_MS },
      { id: 'backup', kind: 'openai', baseUrl: base, apiKey: 'key-backup', timeoutMs: TIMEOUT_MS },
      { id: 'solo', kind: 'openai', baseUrl: base, apiKey: 'key-solo', timeoutMs: TIMEOUT_MS },
      { id: 'multi', kind: 'openai', baseUrl: base, apiKey: 'key-one', apiKeys: ['env:SECOND_KEY'], timeoutMs: TIMEOUT_MS },
      { id: 'brk', kind: 'openai', baseUrl: base, apiKey: 'key-brk', timeoutMs: TIMEOUT_MS },
    ],
    routes: [
      ...Object.keys(FAULTS).map(failover),
      { name: 'retry-flaky', targets: ['main/flaky', 'backup/ok'], retry: { attempts: 3, backoffMs: 50, maxBackoffMs: 100 } },
      { name: 'brk-route', targets: ['brk/down', 'backup/ok'] },
    ],
    routing: { maxAttempts: 5, deadlineMs: 10_000, retryAfterCapMs: 2_000, breaker: { failures: 3, cooldownMs: 1_500 } },
  }, { env: { SECOND_KEY: 'key-two' } });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function admin(path: string, init?: RequestInit): Promise<any> {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
  return res.json();
}

/** The request as logged, found by its id (the log is written in batches a few ms later). */
const logged = (id: string) => findLoggedRequest(gateway.url, ADMIN, (row) => row.id === id);

async function chat(model: string) {
  const started = Date.now();
  const { data, response } = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  return { text: data.choices[0]!.message.content, target: response.headers.get('x-switchyard-target'), id: response.headers.get('x-switchyard-request-id')!, ms: Date.now() - started };
}

async function chatStream(model: string) {
  const started = Date.now();
  const { data: stream, response } = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return { text, target: response.headers.get('x-switchyard-target'), id: response.headers.get('x-switchyard-request-id')!, ms: Date.now() - started };
}

const failures: Array<{ fault: string; stream: boolean; first: [number | null, string]; minMs?: number; maxMs: number }> = [
  { fault: 'e500', stream: false, first: [500, 'upstream_error'], maxMs: 1500 },
  { fault: 'e503', stream: true, first: [503, 'upstream_error'], maxMs: 1500 },
  { fault: 'e429-long', stream: false, first: [429, 'rate_limited'], maxMs: 1500 },
  { fault: 'hang', stream: false, first: [null, 'upstream_timeout'], minMs: TIMEOUT_MS, maxMs: TIMEOUT_MS + 1500 },
  { fault: 'hang', stream: true, first: [null, 'upstream_timeout'], minMs: TIMEOUT_MS, maxMs: TIMEOUT_MS + 1500 },
  { fault: 'reset', stream: false, first: [null, 'upstream_unreachable'], maxMs: 1500 },
  { fault: 'reset', stream: true, first: [200, 'upstream_unreachable'], maxMs: 1500 },
  { fault: 'badjson', stream: false, first: [200, 'upstream_error'], maxMs: 1500 },
  { fault: 'slow', stream: false, first: [null, 'upstream_timeout'], minMs: TIMEOUT_MS, maxMs: TIMEOUT_MS + 1500 },
  { fault: 'slow', stream: true, first: [200, 'upstream_timeout'], minMs: TIMEOUT_MS, maxMs: TIMEOUT_MS + 1500 },
];

for (const row of failures) {
  test(`${row.fault} (${row.stream ? 'stream' : 'json'}) before the first byte: the fallback answers, the client sees no error`, async () => {
    const answer = row.stream ? await chatStream(`fo-${row.fault}`) : await chat(`fo-${row.fault}`);
    assert.equal(answer.text, 'answer from ok');
    assert.equal(answer.target, 'backup/ok');
    assert.ok(answer.ms <= row.maxMs, `took ${answer.ms} ms`);
    if (row.minMs) assert.ok(answer.ms >= row.minMs - 50, `took ${answer.ms} ms, the timeout is ${row.minMs}`);
    const record = await logged(answer.id);
    assert.equal(record.status, 200);
    assert.equal(record.target, 'backup/ok');
    assert.deepEqual(record.attempts.map((a: any) => [a.target, a.status, a.error]), [[`p-${row.fault}/${row.fault}`, ...row.first], ['backup/ok', 200, null]]);
    if (row.first[1] === 'upstream_timeout') {
      const cut = record.attempts[0].latencyMs;
      assert.ok(cut >= TIMEOUT_MS - 50 && cut < TIMEOUT_MS + 500, `the hang was cut at ${cut} ms`);
    }
  });
}

test('a slow first byte within the timeout is waited for, not failed over', async () => {
  const answer = await chatStream('fo-slowish');
  assert.equal(answer.target, 'p-slowish/slowish');
  const record = await logged(answer.id);
  assert.equal(record.attempts.length, 1);
});

test('a stream reset after its first byte ends with an error and is not retried', async () => {
  const { data: stream, response } = await client.chat.completions.create({ model: 'fo-midreset', stream: true, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  let text = '';
  await assert.rejects(async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  });
  assert.equal(text, 'answer from ', 'the client got the bytes before the reset');
  const record = await logged(response.headers.get('x-switchyard-request-id')!);
  assert.deepEqual(record.attempts.map((a: any) => [a.target, a.status, a.error]), [['p-midreset/midreset', 200, 'upstream_error']]);
});

test('a 400 is the request\'s fault: passed on, never retried or failed over', async () => {
  const before = upstream.callsFor('ok').length;
  await assert.rejects(client.chat.completions.create({ model: 'fo-e400', messages: [{ role: 'user', content: 'hi' }] }), (err: any) => err.status === 400);
  assert.equal(upstream.callsFor('e400').length, 1);
  assert.equal(upstream.callsFor('ok').length, before);
});

test('retries with backoff on the same target: two 503s, then it answers', async () => {
  const answer = await chat('retry-flaky');
  assert.equal(answer.target, 'main/flaky');
  const record = await logged(answer.id);
  assert.deepEqual(record.attempts.map((a: any) => [a.target, a.status, a.error]), [
    ['main/flaky', 503, 'upstream_error'],
    ['main/flaky', 503, 'upstream_error'],
    ['main/flaky', 200, null],
  ]);
  const [first, second, third] = upstream.callsFor('flaky');
  // equal-jitter backoff: 25-50 ms, then 50-100 ms
  assert.ok(second!.at - first!.at >= 20, `first backoff ${second!.at - first!.at} ms`);
  assert.ok(third!.at - second!.at >= 45, `second backoff ${third!.at - second!.at} ms`);
});

test('429 with Retry-After under the cap is honoured on the only target, then it answers', async () => {
  const answer = await chat('solo/once429');
  assert.equal(answer.target, 'solo/once429');
  assert.ok(answer.ms >= 950, `waited ${answer.ms} ms for Retry-After: 1`);
  assert.ok(answer.ms < 2_000, `took ${answer.ms} ms`);
  const record = await logged(answer.id);
  assert.deepEqual(record.attempts.map((a: any) => [a.status, a.error]), [[429, 'rate_limited'], [200, null]]);
});

test('several keys: a 429 on one key moves to the next key and cools that key only', async () => {
  const first = await chat('multi/keyed');
  assert.equal(first.target, 'multi/keyed');
  assert.ok(first.ms < 1_000, 'no wait: another key was free');
  assert.deepEqual(upstream.callsFor('keyed').map((c) => c.key), ['key-one', 'key-two']);
  await chat('multi/keyed');
  await chat('multi/keyed');
  assert.deepEqual(upstream.callsFor('keyed').map((c) => c.key), ['key-one', 'key-two', 'key-two', 'key-two'], 'the cooled key is left alone');
  const { breakers } = await admin('/api/breakers');
  const one = breakers.find((b: any) => b.account === 'multi#1');
  const two = breakers.find((b: any) => b.account === 'multi#2');
  assert.equal(one.state, 'closed', 'a 429 is a cooldown, not a breaker failure');
  assert.ok(one.rateLimitedUntil > Date.now() + 20_000);
  assert.equal(two.rateLimitedUntil, null);
});

test('circuit breaker: opens after consecutive failures, skips the account, probes after the cooldown, closes', async () => {
  const state = async () => (await admin('/api/breakers')).breakers.find((b: any) => b.account === 'brk#1');
  assert.equal((await state()).state, 'closed');
  for (let i = 0; i < 3; i++) assert.equal((await chat('brk-route')).target, 'backup/ok');
  const opened = await state();
  assert.equal(opened.state, 'open');
  assert.equal(opened.failures, 3);
  assert.equal(opened.cooldownUntil - opened.openedAt, 1_500);

  const downCalls = upstream.callsFor('down').length;
  const skipped = await chat('brk-route');
  assert.equal(skipped.target, 'backup/ok');
  assert.equal(upstream.callsFor('down').length, downCalls, 'no request reaches an open account');
  assert.deepEqual((await logged(skipped.id)).attempts.map((a: any) => a.target), ['backup/ok']);

  brkHealthy = true;
  await new Promise((r) => setTimeout(r, Math.max(0, opened.cooldownUntil - Date.now()) + 50));
  assert.equal((await state()).state, 'half_open');
  const probe = await chat('brk-route');
  assert.equal(probe.target, 'brk/down', 'the half-open probe went to the recovered account');
  assert.equal((await state()).state, 'closed');
});
