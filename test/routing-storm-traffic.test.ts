// Routing under a storm, the traffic side: 20–50 concurrent requests through a real `switchyard
// serve` process. Retries keep to their backoff and their count under concurrency and stop when the
// client leaves; weighted routing follows its weights and leaves a cooling target out without
// skewing the others; a profile switch mid-storm routes each request wholly by one profile; and
// afterwards every request is logged once and the spend is the sum of the logged costs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startFaultyUpstream, type Fault, type FaultRequest, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-routing-storm-traffic';
const KEY = 'sy-storm-0123456789';
let upstream: FaultyUpstream;
let gateway: SpawnedGateway;
let w1Limited = false;
/** Every request id a client was answered with, to check the log against. */
const answeredIds: string[] = [];

function decide(req: FaultRequest): Fault {
  if (req.model === 'overloaded') return { kind: 'status', status: 529 };
  if (req.model === 'unavailable') return { kind: 'status', status: 503 };
  if (req.model === 'w1' && w1Limited) return { kind: 'status', status: 429, retryAfter: '30' };
  if (req.model === 'slow') return { kind: 'slow-first-byte', ms: 300 };
  return { kind: 'ok' };
}

const PRICE = { input: 1000, output: 2000 };

before(async () => {
  upstream = await startFaultyUpstream(decide);
  const base = `${upstream.url}/v1`;
  const provider = (id: string) => ({ id, kind: 'openai', baseUrl: base, apiKey: `k-${id}`, timeoutMs: 3_000, prices: Object.fromEntries(['ok', 'ok-leave', 'w1', 'w2', 'w3', 'slow', 'overloaded', 'unavailable'].map((m) => [m, PRICE])) });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: ['flaky', 'backup', 'w1', 'w2', 'w3', 'old', 'new'].map(provider),
    routes: [
      { name: 'retry3', targets: ['flaky/overloaded', 'backup/ok'], retry: { attempts: 3, backoffMs: 40, maxBackoffMs: 80 } },
      { name: 'retry-leave', targets: ['flaky/unavailable', 'backup/ok-leave'], retry: { attempts: 3, backoffMs: 1_000, maxBackoffMs: 1_000 } },
      { name: 'spread', strategy: 'weighted', targets: [{ target: 'w1/w1', weight: 3 }, { target: 'w2/w2', weight: 1 }, { target: 'w3/w3', weight: 1 }] },
      { name: 'swap', targets: ['old/slow'] },
    ],
    profiles: [{ name: 'new', routes: { swap: { targets: ['new/slow'] } } }],
    clients: [{ name: 'storm', key: KEY }],
    // Breakers out of the way: these tests count attempts, which an opening breaker would cut short.
    routing: { maxAttempts: 5, deadlineMs: 10_000, retryAfterCapMs: 2_000, breaker: { failures: 10_000, minRequests: 100_000 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function chat(model: string): Promise<{ status: number; target: string | null; id: string }> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.arrayBuffer();
  const id = res.headers.get('x-switchyard-request-id')!;
  answeredIds.push(id);
  return { status: res.status, target: res.headers.get('x-switchyard-target'), id };
}

const storm = (n: number, model: string) => Promise.all(Array.from({ length: n }, () => chat(model)));

async function admin(path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
  return res.json();
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The log rows of these ids, once all are written (the log is written in batches). */
async function logged(ids: string[]): Promise<any[]> {
  const wanted = new Set(ids);
  for (let i = 0; i < 100; i++) {
    const rows = (await admin('/api/requests?limit=1000')).requests.filter((r: any) => wanted.has(r.id));
    if (rows.length >= wanted.size) return rows;
    await sleep(30);
  }
  throw new Error('requests never reached the log');
}

test('30 concurrent requests on an overloaded (529) target: exactly 3 attempts each with backoff between, then the fallback', async () => {
  const answers = await storm(30, 'retry3');
  assert.deepEqual(answers.map((a) => [a.status, a.target]), answers.map(() => [200, 'backup/ok']));
  assert.equal(upstream.callsFor('overloaded').length, 90, 'three attempts per request, never more');
  const rows = await logged(answers.map((a) => a.id));
  for (const row of rows) {
    assert.deepEqual(row.attempts.map((a: any) => [a.target, a.status]), [['flaky/overloaded', 529], ['flaky/overloaded', 529], ['flaky/overloaded', 529], ['backup/ok', 200]]);
    // Two backoffs: at least half of 40 ms, then half of 80 ms.
    const attemptsMs = row.attempts.reduce((sum: number, a: any) => sum + a.latencyMs, 0);
    assert.ok(row.latencyMs - attemptsMs >= 60 - 5, `waited ${row.latencyMs - attemptsMs} ms between attempts`);
  }
});

test('20 clients that leave during the backoff: no upstream call after they left, each logged once as 499 with its one attempt', async () => {
  const requests = Array.from({ length: 20 }, () => {
    const req = http.request(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` } });
    req.on('error', () => {});
    req.end(JSON.stringify({ model: 'retry-leave', messages: [{ role: 'user', content: 'hi' }] }));
    return req;
  });
  await until(() => upstream.callsFor('unavailable').length >= 20, 'the first attempts');
  // Each request now waits at least 500 ms before its retry.
  for (const req of requests) req.destroy();
  await sleep(1_200);
  assert.equal(upstream.callsFor('unavailable').length, 20, 'no retry for a client that left');
  assert.equal(upstream.callsFor('ok-leave').length, 0, 'no fallback either');
  let rows: any[] = [];
  for (let i = 0; i < 100 && rows.length < 20; i++) {
    rows = (await admin('/api/requests?limit=1000&model=retry-leave')).requests;
    if (rows.length < 20) await sleep(30);
  }
  assert.equal(rows.length, 20, 'each request logged exactly once');
  for (const row of rows) {
    assert.equal(row.status, 499);
    assert.deepEqual(row.attempts.map((a: any) => [a.target, a.status]), [['flaky/unavailable', 503]]);
  }
});

function shares(targets: Array<string | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of targets) out[t!] = (out[t!] ?? 0) + 1 / targets.length;
  return out;
}

test('weighted 3:1:1 over 400 requests, 40 at a time, follows the weights; with the heavy target cooling the other two share evenly', async () => {
  const targets: Array<string | null> = [];
  for (let wave = 0; wave < 10; wave++) targets.push(...(await storm(40, 'spread')).map((a) => a.target));
  const even = shares(targets);
  // Four standard deviations of a share over 400 draws is under 0.1.
  assert.ok(Math.abs(even['w1/w1']! - 0.6) < 0.1, JSON.stringify(even));
  assert.ok(Math.abs(even['w2/w2']! - 0.2) < 0.1, JSON.stringify(even));
  assert.ok(Math.abs(even['w3/w3']! - 0.2) < 0.1, JSON.stringify(even));

  w1Limited = true;
  const before = upstream.callsFor('w1').length;
  const cooling: Array<string | null> = [];
  for (let wave = 0; wave < 10; wave++) {
    const answers = await storm(40, 'spread');
    assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200), 'a cooling target fails over, the client sees no error');
    cooling.push(...answers.map((a) => a.target));
  }
  const limitedCalls = upstream.callsFor('w1').length - before;
  assert.ok(limitedCalls >= 1 && limitedCalls <= 40, `${limitedCalls} calls to the rate-limited target: only the first wave's`);
  const rest = shares(cooling.filter((t) => t !== 'w1/w1'));
  assert.equal(cooling.filter((t) => t === 'w1/w1').length, 0);
  assert.ok(Math.abs(rest['w2/w2']! - 0.5) < 0.1, JSON.stringify(rest));
  w1Limited = false;
});

test('a profile switched while 50 requests are in flight: those already routed finish on the old route, the next 50 take the new one, none fails', async () => {
  const before = upstream.callsFor('slow').length;
  const inFlight = storm(50, 'swap');
  await until(() => upstream.callsFor('slow').length >= before + 50, 'the 50 requests to reach the upstream');
  const put = await admin('/api/profile', { method: 'PUT', body: JSON.stringify({ name: 'new' }) });
  assert.equal(put.active, 'new');
  const after = await storm(50, 'swap');
  const first = await inFlight;
  assert.deepEqual(first.map((a) => [a.status, a.target]), first.map(() => [200, 'old/slow']));
  assert.deepEqual(after.map((a) => [a.status, a.target]), after.map(() => [200, 'new/slow']));
  const rows = await logged([...first, ...after].map((a) => a.id));
  const answered = new Map([...first, ...after].map((a) => [a.id, a.target]));
  for (const row of rows) {
    assert.equal(row.target, answered.get(row.id), 'the log shows the target that answered');
    assert.deepEqual(row.attempts.map((a: any) => a.target), [row.target], 'one attempt, on that target');
  }
  await admin('/api/profile', { method: 'PUT', body: JSON.stringify({ name: null }) });
});

test('after the storm: every answered request is logged exactly once, and the spend is the sum of the logged costs', async () => {
  const rows = (await admin('/api/requests?limit=1000')).requests;
  const ids = rows.map((r: any) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'no request logged twice');
  const logged = new Set(ids);
  for (const id of answeredIds) assert.ok(logged.has(id), `${id} is in the log`);
  const answered = rows.filter((r: any) => r.status === 200);
  assert.ok(answered.every((r: any) => typeof r.costUsd === 'number' && r.costUsd > 0), 'every answer is priced');
  const sum = rows.reduce((total: number, r: any) => total + (r.costUsd ?? 0), 0);
  const spend = (await admin('/api/spend?by=client')).rows.find((r: any) => r.key === 'storm');
  assert.equal(spend.requests, rows.length);
  assert.ok(Math.abs(spend.costUsd - sum) < 1e-9, `spend ${spend.costUsd} vs logged ${sum}`);
  const clients = (await admin('/api/clients')).clients;
  assert.ok(Math.abs(clients.find((c: any) => c.name === 'storm').spentUsd - sum) < 1e-9);
});
