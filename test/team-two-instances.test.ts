// Team mode end to end: two `switchyard serve` processes on one Postgres and one Redis, requests
// alternating between them under concurrent load. Every request lands in one log, a budget is never
// overshot beyond the documented bound (limit + one request's cost), a rate limit counts requests
// on both, and keys and profiles changed through one instance's admin API apply on the other.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { startPostgres, startRedis, type Service } from './helpers/start-services';

const ADMIN = 'admin-token-for-team-mode';
const BURST_KEY = 'sy-team-burst-0123456789';
const LIMITED_KEY = 'sy-team-limited-0123456789';
const PRICE = { input: 10, output: 30 };
const USAGE = { prompt: 50, completion: 100 };
const COST = (USAGE.prompt * PRICE.input + USAGE.completion * PRICE.output) / 1e6; // $0.0035
const MAX_TOKENS = 100;
const PRE_SPEND = 6;
const RPM = 7;

const BODY = JSON.stringify({ model: 'alpha/m', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: 'x'.repeat(120) }] });
const WORST = (Buffer.byteLength(BODY) * PRICE.input + MAX_TOKENS * PRICE.output) / 1e6;
// After the warm-up, room for five and a half worst cases.
const LIMIT = PRE_SPEND * COST + 5.5 * WORST;

let postgres: Service;
let redis: Service;
let upstream: FakeOpenAI;
let a: SpawnedGateway;
let b: SpawnedGateway;

const config = () => ({
  adminToken: ADMIN,
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, prices: { m: PRICE } }],
  routes: [{ name: 'smart', targets: ['alpha/m'] }],
  profiles: [{ name: 'cheap', routes: { smart: { strategy: 'fallback', targets: ['alpha/m-cheap'] } } }],
  clients: [
    { name: 'burst', key: BURST_KEY, budget: { usd: LIMIT, period: 'day' } },
    { name: 'limited', key: LIMITED_KEY, rateLimit: { rpm: RPM } },
  ],
});

before(async () => {
  [postgres, redis, upstream] = await Promise.all([startPostgres(), startRedis(), startFakeOpenAI({ usage: USAGE, chunkDelayMs: 10 })]);
  const team = ['--database', postgres.url, '--redis', redis.url];
  a = await spawnGateway(config(), { extraArgs: team });
  b = await spawnGateway(config(), { extraArgs: team });
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([upstream?.close(), redis?.stop(), postgres?.stop()]);
});

async function send(gateway: SpawnedGateway, key: string, model = 'alpha/m'): Promise<{ status: number; code?: string; id: string | null }> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: model === 'alpha/m' ? BODY : BODY.replace('"alpha/m"', JSON.stringify(model)),
  });
  const text = await res.text();
  return { status: res.status, code: res.status === 200 ? undefined : JSON.parse(text).error?.code, id: res.headers.get('x-switchyard-request-id') };
}

async function admin(gateway: SpawnedGateway, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
  return { status: res.status, body: await res.json() };
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} within ${timeoutMs} ms\n--- A ---\n${a.output().slice(-3000)}\n--- B ---\n${b.output().slice(-3000)}`);
}

test('a budget shared by two instances under concurrent load overshoots by at most one request, and every request is in one log', async () => {
  const ids: string[] = [];
  for (let i = 0; i < PRE_SPEND; i++) {
    const r = await send(i % 2 === 0 ? a : b, BURST_KEY);
    assert.equal(r.status, 200);
    ids.push(r.id!);
  }
  const upstreamBefore = upstream.requests.length;
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 === 0 ? a : b, BURST_KEY)));
  ids.push(...results.map((r) => r.id!));
  const admitted = results.filter((r) => r.status === 200).length;
  const refused = results.filter((r) => r.status === 402 && r.code === 'budget_exceeded').length;
  assert.equal(admitted + refused, 40, `every answer is 200 or 402 budget_exceeded: ${JSON.stringify(results.map((r) => r.status))}`);
  assert.equal(upstream.requests.length - upstreamBefore, admitted, 'a refused request never reaches the upstream');
  assert.ok(admitted >= 5, `five worst cases always fit: admitted ${admitted}`);
  // The documented bound: spent ≤ limit + the cost of one request.
  assert.ok((PRE_SPEND + admitted) * COST <= LIMIT + COST + 1e-12, `admitted ${admitted}: spent ${(PRE_SPEND + admitted) * COST} > ${LIMIT + COST}`);

  // One log: either instance lists every request, from both, exactly once.
  // Each instance writes its rows in batches every 20 ms, so the last ones may land just after the answers.
  let listedIds: string[] = [];
  await eventually(async () => {
    listedIds = (await admin(b, '/api/requests?limit=1000&client=burst')).body.requests.map((r: { id: string }) => r.id).sort();
    return listedIds.length >= ids.length;
  }, 'every request is in the log').catch(() => undefined);
  assert.deepEqual(listedIds, [...ids].sort());
  const spend = (await admin(a, '/api/spend?by=client')).body.rows.find((r: { key: string }) => r.key === 'burst');
  assert.equal(spend.requests, PRE_SPEND + 40);
  assert.ok(Math.abs(spend.costUsd - (PRE_SPEND + admitted) * COST) < 1e-12, 'the log holds exactly the admitted requests’ cost');

  // Both instances' ledgers are the one in Redis: they agree with each other and with the log.
  const views = await Promise.all([a, b].map(async (g) => (await admin(g, '/api/clients')).body.clients.find((c: { name: string }) => c.name === 'burst')));
  for (const view of views) assert.ok(Math.abs(view.spentUsd - spend.costUsd) < 1e-9, `ledger ${view.spentUsd} vs log ${spend.costUsd}`);
  // Spend the rest one request at a time. A settle reaches Redis just after the answer, so a request
  // right behind another may be refused while the first still holds its reservation: the budget is
  // spent only once refusals persist.
  let more = 0;
  for (let refusals = 0, i = 0; refusals < 3 && i < 30; i++) {
    if ((await send(i % 2 === 0 ? a : b, BURST_KEY)).status === 200) {
      more++;
      refusals = 0;
    } else {
      refusals++;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.ok((PRE_SPEND + admitted + more) * COST <= LIMIT + COST + 1e-12, 'sequential requests keep the bound too');
  assert.equal((await send(a, BURST_KEY)).status, 402);
  assert.equal((await send(b, BURST_KEY)).status, 402);
});

test('a rate limit counts requests on both instances', async () => {
  const results = await Promise.all(Array.from({ length: RPM + 5 }, (_, i) => send(i % 2 === 0 ? a : b, LIMITED_KEY)));
  assert.equal(results.filter((r) => r.status === 200).length, RPM, JSON.stringify(results.map((r) => r.status)));
  assert.equal(results.filter((r) => r.status === 429 && r.code === 'rate_limited').length, 5);
});

test('a key created through instance A works on instance B within a couple of seconds, and a revoked one stops', async () => {
  const created = await admin(a, '/api/clients', { method: 'POST', body: JSON.stringify({ name: 'newcomer' }) });
  assert.equal(created.status, 201);
  const key: string = created.body.key;
  assert.equal((await send(a, key)).status, 200, 'the creating instance knows the key at once');
  const took = await eventually(async () => (await send(b, key)).status === 200, 'the key works on B');
  // Each instance re-reads keys every second; the slack is for a loaded test machine.
  assert.ok(took <= 5000, `took ${took} ms`);
  assert.equal((await admin(b, '/api/clients/newcomer', { method: 'DELETE' })).status, 200);
  let last = 0;
  await eventually(async () => (last = (await send(a, key)).status) === 401, 'the revoked key is refused on A').catch((err) => {
    throw new Error(`last status ${last}: ${(err as Error).message}`);
  });
});

test('a profile switched on A applies on B', async () => {
  assert.equal((await admin(a, '/api/profile', { method: 'PUT', body: JSON.stringify({ name: 'cheap' }) })).status, 200);
  await eventually(async () => (await admin(b, '/api/profile')).body.active === 'cheap', 'B sees the profile');
  const before = upstream.requests.length;
  assert.equal((await send(b, LIMITED_KEY.replace('limited', 'none'), 'smart')).status, 401);
  assert.equal(upstream.requests.length, before);
  await admin(b, '/api/profile', { method: 'PUT', body: JSON.stringify({ name: null }) });
  await eventually(async () => (await admin(a, '/api/profile')).body.active === null, 'A sees the profile cleared');
});
