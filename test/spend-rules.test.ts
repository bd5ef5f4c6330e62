// Spend control end to end: `switchyard serve` (a real process) in front of a fake OpenAI upstream.
// Each rule of issue 5 through the public interfaces: gateway keys, allowed models, expiry,
// rate limits, budgets refused before any upstream call, events, summary, time series, price file.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, tempDir, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-for-spend-tests';
const KEYS = {
  full: 'sy-full-0123456789',
  old: 'sy-old-0123456789',
  narrow: 'sy-narrow-0123456789',
  rpm: 'sy-rpm-0123456789',
  tpm: 'sy-tpm-0123456789',
  tiny: 'sy-tiny-0123456789',
};
// The fake reports 1000 prompt tokens (400 cached) and 200 completion tokens per request.
const COST = (600 * 3 + 400 * 0.3 + 200 * 15) / 1e6;
let upstream: FakeOpenAI;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startFakeOpenAI({ models: ['m-large', 'm-backup', 'emb-1'], usage: { prompt: 1000, completion: 200, cached: 400 } });
  const dataDir = tempDir('spend-rules');
  writeFileSync(join(dataDir, 'prices.json'), JSON.stringify({ source: 'test rates', reviewed: '2026-01-01', prices: { 'alpha/emb-1': { input: 100, output: 0 } } }));
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, prices: { 'm-large': { input: 3, output: 15, cachedInput: 0.3 } } },
      { id: 'beta', kind: 'openai', baseUrl: `${upstream.url}/v1`, prices: { 'm-backup': { input: 1, output: 2 } } },
      { id: 'capped', kind: 'openai', baseUrl: `${upstream.url}/v1`, prices: { 'm-large': { input: 3, output: 15 } }, budget: { usd: 0 } },
    ],
    routes: [
      { name: 'smart', targets: ['alpha/m-large', 'beta/m-backup'] },
      { name: 'alpha-only', targets: ['alpha/m-large'] },
      { name: 'capped-first', targets: ['capped/m-large', 'beta/m-backup'] },
    ],
    clients: [
      { name: 'full', key: KEYS.full },
      { name: 'old', key: KEYS.old, expiresAt: '2020-01-01T00:00:00Z' },
      { name: 'narrow', key: KEYS.narrow, allowedModels: ['alpha/*'] },
      { name: 'rpm', key: KEYS.rpm, rateLimit: { rpm: 2 } },
      { name: 'tpm', key: KEYS.tpm, rateLimit: { tpm: 500 } },
      { name: 'tiny', key: KEYS.tiny, budget: { usd: 0.004, period: 'day', alerts: [50, 80, 100] } },
    ],
  }, { dataDir });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

function chat(key: string, model: string, extra: Record<string, unknown> = {}) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }], ...extra }),
  });
}

async function admin(path: string, init: RequestInit = {}) {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: res.status, body: (await res.json()) as any };
}

test('refusals come before any upstream call, in the client format, with the right status and code', async () => {
  const rows = [
    { name: 'expired config key', key: KEYS.old, model: 'smart', expected: { status: 401, type: 'authentication_error', code: 'key_expired' } },
    { name: 'unknown key', key: 'sy-nobody-0123456789', model: 'smart', expected: { status: 401, type: 'authentication_error', code: 'invalid_api_key' } },
    { name: 'model outside allowedModels', key: KEYS.narrow, model: 'beta/m-backup', expected: { status: 403, type: 'permission_error', code: 'model_not_allowed' } },
    { name: 'route with a target outside allowedModels', key: KEYS.narrow, model: 'smart', expected: { status: 403, type: 'permission_error', code: 'model_not_allowed' } },
  ];
  for (const row of rows) {
    const before = upstream.requests.length;
    const res = await chat(row.key, row.model);
    const body = (await res.json()) as any;
    assert.equal(res.status, row.expected.status, row.name);
    assert.equal(body.error.type, row.expected.type, row.name);
    assert.equal(body.error.code, row.expected.code, row.name);
    assert.equal(upstream.requests.length, before, `${row.name}: no upstream call`);
  }
  assert.equal((await chat(KEYS.narrow, 'alpha-only')).status, 200, 'a route whose targets are all allowed');
  assert.equal((await chat(KEYS.narrow, 'alpha/m-large')).status, 200, 'a matching glob');
});

test('requests per minute: 429 rate_limited with Retry-After', async () => {
  assert.equal((await chat(KEYS.rpm, 'smart')).status, 200);
  assert.equal((await chat(KEYS.rpm, 'smart')).status, 200);
  const before = upstream.requests.length;
  const res = await chat(KEYS.rpm, 'smart');
  const body = (await res.json()) as any;
  assert.equal(res.status, 429);
  assert.equal(body.error.type, 'rate_limit_error');
  assert.equal(body.error.code, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(upstream.requests.length, before);
  assert.equal((await chat(KEYS.full, 'smart')).status, 200, 'other keys are not limited');
});

test('tokens per minute: counted from the usage the provider reported', async () => {
  assert.equal((await chat(KEYS.tpm, 'smart')).status, 200, 'an empty window admits');
  const res = await chat(KEYS.tpm, 'smart');
  assert.equal(res.status, 429, '1200 reported tokens fill a 500-token minute');
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
});

test('a spent budget is refused with 402 budget_exceeded before any upstream call, and the crossings are events', async () => {
  const first = await chat(KEYS.tiny, 'alpha/m-large');
  assert.equal(first.status, 200);
  await first.text();
  const before = upstream.requests.length;
  const refused = await chat(KEYS.tiny, 'alpha/m-large');
  const body = (await refused.json()) as any;
  assert.equal(refused.status, 402);
  assert.equal(body.error.code, 'budget_exceeded');
  assert.equal(body.error.type, 'insufficient_quota');
  assert.match(body.error.message, /client "tiny"/);
  assert.equal(upstream.requests.length, before, 'no upstream call');

  const { body: events } = await admin('/api/events?since=0');
  const tiny = events.events.filter((e: any) => e.name === 'tiny');
  assert.deepEqual(tiny.map((e: any) => [e.kind, e.scope, e.percent]), [
    ['budget_threshold', 'client', 50], ['budget_threshold', 'client', 80], ['budget_threshold', 'client', 100], ['budget_exceeded', 'client', 123],
  ]);
  for (const e of tiny) {
    assert.equal(typeof e.id, 'number');
    assert.equal(typeof e.message, 'string');
    assert.ok(Math.abs(e.at - Date.now()) < 60_000);
  }
  const later = await admin(`/api/events?since=${tiny[1].id}`);
  assert.ok(later.body.events.every((e: any) => e.id > tiny[1].id));

  const { body: clients } = await admin('/api/clients');
  const row = clients.clients.find((c: any) => c.name === 'tiny');
  assert.ok(Math.abs(row.spentUsd - COST) < 1e-12);
  assert.equal(row.period, 'day');
});

test('a provider over its budget is skipped without an upstream call; the route falls through', async () => {
  const before = upstream.requests.length;
  const res = await chat(KEYS.full, 'capped-first');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-switchyard-target'), 'beta/m-backup');
  assert.deepEqual(upstream.requests.slice(before).map((r) => r.body.model), ['m-backup']);
  assert.equal((await chat(KEYS.full, 'capped/m-large')).status, 402);
});

test('gateway keys through the admin API: shown once, stored hashed, revocable, expiring', async () => {
  const created = await admin('/api/clients', { method: 'POST', body: JSON.stringify({ name: 'made', allowedModels: ['smart'], budget: { usd: 5, period: 'month' }, rateLimit: { rpm: 100, tpm: 100000 } }) });
  assert.equal(created.status, 201);
  assert.match(created.body.key, /^sy-[A-Za-z0-9_-]{32}$/);
  assert.equal((await chat(created.body.key, 'smart')).status, 200);
  assert.equal((await chat(created.body.key, 'alpha/m-large')).status, 403);

  const listed = await admin('/api/clients');
  const made = listed.body.clients.find((c: any) => c.name === 'made');
  assert.deepEqual([made.source, made.period, made.budget.usd, made.allowedModels], ['api', 'month', 5, ['smart']]);
  assert.ok(made.spentUsd > 0);
  assert.equal(JSON.stringify(listed.body).includes(created.body.key), false, 'GET never returns a key');
  assert.equal(listed.body.clients.find((c: any) => c.name === 'full').source, 'config');

  assert.equal((await admin('/api/clients', { method: 'POST', body: JSON.stringify({ name: 'made' }) })).status, 409);
  assert.equal((await admin('/api/clients', { method: 'POST', body: JSON.stringify({ name: 'bad name!' }) })).status, 400);
  assert.equal((await admin('/api/clients/full', { method: 'DELETE' })).status, 409, 'config keys are changed in the config file');
  assert.equal((await admin('/api/clients/made', { method: 'DELETE' })).status, 200);
  assert.equal((await chat(created.body.key, 'smart')).status, 401, 'revoked');
  assert.equal((await admin('/api/clients/made', { method: 'DELETE' })).status, 404);

  const expired = await admin('/api/clients', { method: 'POST', body: JSON.stringify({ name: 'short', expiresAt: new Date(Date.now() - 1000).toISOString() }) });
  const res = await chat(expired.body.key, 'smart');
  assert.equal(res.status, 401);
  assert.equal(((await res.json()) as any).error.code, 'key_expired');
  assert.equal((await fetch(`${gateway.url}/api/clients`)).status, 401, 'admin token required');
});

test('the price file prices what the config does not; /api/prices says where a price came from', async () => {
  const emb = await fetch(`${gateway.url}/v1/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${KEYS.full}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'alpha/emb-1', input: 'x' }) });
  assert.equal(emb.status, 200);
  const { body } = await admin('/api/requests?limit=1');
  assert.ok(Math.abs(body.requests[0].costUsd - (8 * 100) / 1e6) < 1e-12);
  const price = await admin('/api/prices?target=alpha/emb-1');
  assert.deepEqual(price.body.from, { layer: 'price-file', source: 'test rates', reviewed: '2026-01-01' });
  const catalog = await admin('/api/prices');
  assert.ok(catalog.body.builtIn.some((g: any) => g.provider === 'anthropic' && g.source.startsWith('https://')));
  assert.equal(catalog.body.priceFile.models, 1);
});

test('summary, burn rate, spend by hour and the time series agree with the request log', async () => {
  const { body: log } = await admin('/api/requests?limit=1000');
  const known = log.requests.filter((r: any) => r.costUsd !== null);
  const total = known.reduce((sum: number, r: any) => sum + r.costUsd, 0);

  const { status, body: summary } = await admin('/api/summary');
  assert.equal(status, 200);
  assert.ok(Math.abs(summary.today.costUsd - total) < 1e-9);
  assert.equal(summary.today.requests, log.requests.length);
  assert.equal(summary.today.unknownCostRequests, 0);
  assert.ok(Math.abs(summary.month.costUsd - total) < 1e-9);
  assert.ok(Math.abs(summary.burn.usdPerHour - total) < 1e-9, 'everything happened in the last hour');
  assert.ok(summary.burn.projectedTodayUsd >= summary.today.costUsd);
  assert.ok(summary.burn.projectedMonthUsd >= summary.burn.projectedTodayUsd - 1e-9);
  assert.ok(summary.breakers.length > 0 && summary.breakers.every((b: any) => b.state === 'closed'), 'every account that served traffic has a closed breaker');
  assert.equal(summary.paused, false);
  const names = summary.budgets.map((b: any) => `${b.scope}:${b.name}`).sort();
  assert.deepEqual(names, ['client:tiny', 'provider:capped']);

  const { body: spend } = await admin('/api/spend?by=hour');
  assert.ok(Math.abs(spend.rows.reduce((s: number, r: any) => s + r.costUsd, 0) - total) < 1e-9);

  const { body: series } = await admin('/api/timeseries?bucket=hour&by=target');
  const points = series.points;
  assert.ok(points.length >= 2);
  for (const p of points) {
    assert.equal(p.t % 3_600_000, 0);
    assert.ok(p.requests >= p.errors);
    assert.ok(p.p50Ms === null || p.p50Ms <= p.p95Ms);
  }
  assert.equal(points.reduce((s: number, p: any) => s + p.requests, 0), log.requests.length);
  assert.ok(Math.abs(points.reduce((s: number, p: any) => s + p.costUsd, 0) - total) < 1e-9);
  assert.equal((await admin('/api/timeseries?bucket=week')).status, 400);
});

test('a malformed price file stops serve with a message naming the file and the field', async () => {
  const dataDir = tempDir('bad-prices');
  writeFileSync(join(dataDir, 'prices.json'), JSON.stringify({ prices: { 'alpha/m': { input: 'cheap', output: 1 } } }));
  await assert.rejects(spawnGateway({}, { dataDir }), (err: Error) => /prices\.json: prices\.alpha\/m\.input/.test(err.message) && /exited early \(1\)/.test(err.message));
});
