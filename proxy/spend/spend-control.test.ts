// SpendControl over a real SQLite store: each rule of admission and settlement, table-driven where
// the rows share a shape, and the admin operations on gateway keys.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type Config } from '../config/schema';
import { buildRuntime, resolveModel, type Runtime } from '../gateway/runtime';
import { RequestTrace } from '../pipeline/request-trace';
import { createLogger } from '../server/logger';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { GatewayError } from '../errors';
import { SpendControl } from './spend-control';
import { createApiClient, listClientViews, revokeApiClient } from './client-admin';
import { buildSummary } from './spend-summary';
import type { Usage } from '../formats/canonical';

const NOW = Date.parse('2026-06-10T12:00:00Z');
const quiet = createLogger({ write: () => true } as unknown as NodeJS.WritableStream);

function setup(raw: Record<string, unknown>) {
  const config: Config = configSchema.parse({
    providers: [
      { id: 'alpha', kind: 'openai', prices: { big: { input: 10, output: 30 } } },
      { id: 'beta', kind: 'openai', prices: { small: { input: 1, output: 2 } } },
      { id: 'free', kind: 'openai' },
    ],
    routes: [{ name: 'smart', targets: ['alpha/big', 'beta/small'] }],
    ...raw,
  });
  const store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'switchyard-spend-')) });
  const spend = new SpendControl({ store, log: quiet, now: () => NOW }, config);
  const runtime = buildRuntime(config, null);
  return { config, store, spend, runtime };
}

const body = { model: 'x', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] };
const bodyBytes = 100;
// Worst case at alpha/big: 100 bytes × $10 + 100 out × $30 per 1M = $0.004; at beta/small: $0.0003.
const ALPHA_WORST = 0.004;

async function admit(ctx: ReturnType<typeof setup>, model: string, clientName: string | null = null) {
  const client = clientName ? ctx.spend.clients.byName.get(clientName)! : null;
  return ctx.spend.admit({ runtime: ctx.runtime, client, route: resolveModel(ctx.runtime, model), format: 'openai-chat', body, bodyBytes });
}

function answered(ctx: { spend: SpendControl; runtime: Runtime; store: SqliteStore }, admission: Awaited<ReturnType<typeof admit>>, target: string | null, usage: Usage | undefined, client: string | null = null) {
  const trace = new RequestTrace();
  trace.client = client;
  trace.model = target ?? 'smart';
  trace.target = target;
  trace.usage = usage;
  ctx.spend.finish(admission, trace, ctx.runtime);
  ctx.store.recordRequest({
    id: trace.id, startedAt: NOW, client, model: trace.model, target, format: 'openai-chat', stream: false, status: target ? 200 : 502,
    inputTokens: usage?.inputTokens ?? null, outputTokens: usage?.outputTokens ?? null, cachedTokens: null, cacheWriteTokens: null, reasoningTokens: null,
    costUsd: trace.costUsd, latencyMs: 1, overheadMs: 0, ttfbMs: null, error: null, attempts: [],
  });
  return trace;
}

async function refusal(work: Promise<unknown>): Promise<GatewayError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  assert.fail('expected a refusal');
}

const refusalRows = [
  { name: 'global budget spent', config: { budget: { usd: 0 } }, model: 'smart', client: null, expected: { status: 402, code: 'budget_exceeded', message: /budget of the gateway/ } },
  { name: 'client budget smaller than what is in flight', config: { clients: [{ name: 'ci', key: 'sy-ci-0123456789', budget: { usd: 0 } }] }, model: 'smart', client: 'ci', expected: { status: 402, code: 'budget_exceeded', message: /client "ci"/ } },
  { name: 'every provider of the route over budget', config: { providers: [{ id: 'alpha', kind: 'openai', prices: { big: { input: 10, output: 30 } }, budget: { usd: 0 } }], routes: [] }, model: 'alpha/big', client: null, expected: { status: 402, code: 'budget_exceeded', message: /provider "alpha"/ } },
  { name: 'model outside allowedModels', config: { clients: [{ name: 'ci', key: 'sy-ci-0123456789', allowedModels: ['beta/*'] }] }, model: 'smart', client: 'ci', expected: { status: 403, code: 'model_not_allowed', message: /may not use model "smart"/ } },
];
for (const row of refusalRows) {
  test(`admit refuses: ${row.name}`, async () => {
    const ctx = setup(row.config);
    const err = await refusal(admit(ctx, row.model, row.client));
    assert.equal(err.status, row.expected.status);
    assert.equal(err.code, row.expected.code);
    assert.match(err.message, row.expected.message);
  });
}

test('a provider over budget is skipped; the route goes on with the rest', async () => {
  const ctx = setup({ providers: [
    { id: 'alpha', kind: 'openai', prices: { big: { input: 10, output: 30 } }, budget: { usd: 0.001 } },
    { id: 'beta', kind: 'openai', prices: { small: { input: 1, output: 2 } } },
  ] });
  const first = await admit(ctx, 'smart');
  assert.deepEqual(first.targets.map((t) => t.ref), ['alpha/big', 'beta/small'], 'alone in flight: alpha may run past');
  const second = await admit(ctx, 'smart');
  assert.deepEqual(second.targets.map((t) => t.ref), ['beta/small'], 'alpha is held by the first');
  answered(ctx, first, 'alpha/big', { inputTokens: 50, outputTokens: 100 });
  answered(ctx, second, 'beta/small', { inputTokens: 50, outputTokens: 100 });
  const statuses = await buildSummary(ctx.store, ctx.spend, ctx.config, NOW);
  const alpha = statuses.budgets.find((b) => b.scope === 'provider' && b.name === 'alpha')!;
  assert.ok(Math.abs(alpha.spentUsd - (50 * 10 + 100 * 30) / 1e6) < 1e-12, 'only what alpha answered counts for alpha');
});

const settleRows = [
  { name: 'real cost from usage', input: { target: 'alpha/big', usage: { inputTokens: 50, outputTokens: 100 } }, expected: { spent: 0.0035, cost: 0.0035 } },
  { name: 'answered without usage: the worst case is charged, the cost stays unknown', input: { target: 'alpha/big', usage: undefined }, expected: { spent: ALPHA_WORST, cost: null } },
  { name: 'no upstream answered: released', input: { target: null, usage: undefined }, expected: { spent: 0, cost: null } },
  { name: 'answered by an unpriced target: nothing charged, cost unknown', input: { target: 'free/x', usage: { inputTokens: 5, outputTokens: 5 } }, expected: { spent: 0, cost: null } },
];
for (const row of settleRows) {
  test(`finish: ${row.name}`, async () => {
    const ctx = setup({ budget: { usd: 1 }, routes: [{ name: 'smart', targets: ['alpha/big', 'beta/small', 'free/x'] }] });
    const admission = await admit(ctx, 'smart');
    const trace = answered(ctx, admission, row.input.target, row.input.usage);
    assert.equal(trace.costUsd === null ? null : Math.round(trace.costUsd * 1e9) / 1e9, row.expected.cost);
    const usage = await ctx.spend.ledger.usage({ kind: 'global', name: '*', limitUsd: 1, period: 'day' }, NOW);
    assert.ok(Math.abs(usage.spentUsd - row.expected.spent) < 1e-12, `${usage.spentUsd}`);
    assert.equal(usage.reservedUsd, 0);
  });
}

test('an unpriced target under a budget is admitted and recorded as a price_unknown event', async () => {
  const ctx = setup({ budget: { usd: 1 } });
  await admit(ctx, 'free/x');
  await admit(ctx, 'free/x');
  await new Promise((r) => setTimeout(r, 5));
  const events = await ctx.store.listEvents(0, 10);
  assert.deepEqual(events.map((e) => [e.kind, e.name]), [['price_unknown', 'free/x']], 'once, not per request');
});

test('threshold crossings become events once per period; a refusal becomes a budget_exceeded event', async () => {
  const ctx = setup({ clients: [{ name: 'ci', key: 'sy-ci-0123456789', budget: { usd: 0.01, alerts: [50, 80, 100] } }] });
  for (let i = 0; i < 3; i++) answered(ctx, await admit(ctx, 'alpha/big', 'ci'), 'alpha/big', { inputTokens: 50, outputTokens: 100 }, 'ci'); // $0.0035 each
  await refusal(admit(ctx, 'alpha/big', 'ci'));
  await new Promise((r) => setTimeout(r, 5));
  const events = await ctx.store.listEvents(0, 10);
  assert.deepEqual(events.map((e) => [e.kind, e.percent]), [['budget_threshold', 50], ['budget_threshold', 80], ['budget_threshold', 100], ['budget_exceeded', 105]]);
  assert.ok(events.every((e) => e.scope === 'client' && e.name === 'ci' && e.at === NOW));
  assert.deepEqual((await ctx.store.listEvents(events[1]!.id, 10)).map((e) => e.id), [events[2]!.id, events[3]!.id], 'since=<id> pages forward');
});

test('rate limits apply per key before budgets; a request the budget refuses gives its slot back', async () => {
  // An rpm of 2; the budget holds one request's worst case ($0.004) but not two.
  const ctx = setup({ clients: [{ name: 'ci', key: 'sy-ci-0123456789', rateLimit: { rpm: 2 }, budget: { usd: 0.005 } }] });
  const first = await admit(ctx, 'smart', 'ci');
  for (let i = 1; i <= 3; i++) assert.equal((await refusal(admit(ctx, 'smart', 'ci'))).code, 'budget_exceeded', `refusal ${i} is the budget's, not the rate limit's`);
  answered(ctx, first, null, undefined, 'ci');
  await admit(ctx, 'smart', 'ci'); // the second slot of the minute is still free
  const limited = await refusal(admit(ctx, 'smart', 'ci'));
  assert.equal(limited.status, 429, 'two admitted requests fill the minute: the rate limit answers before the budget');
  assert.ok((limited.retryAfter ?? 0) >= 1);
});

test('gateway keys: created once with the key, listed without it, revoked; config keys are read-only here', async () => {
  const ctx = setup({ clients: [{ name: 'ci', key: 'sy-ci-0123456789' }] });
  const created = await createApiClient(ctx.spend, ctx.store, { name: 'bot', budget: { usd: 2, period: 'month' }, rateLimit: { rpm: 10 }, allowedModels: ['smart'], expiresAt: '2030-01-01T00:00:00Z' }, NOW);
  assert.match(created.key, /^sy-[A-Za-z0-9_-]{32}$/);
  assert.equal(created.source, 'api');
  assert.deepEqual(created.budget, { usd: 2, period: 'month', alerts: [50, 80, 100] });
  assert.equal(ctx.spend.clients.byName.get('bot')?.expiresAt, Date.parse('2030-01-01T00:00:00Z'));
  const listed = await listClientViews(ctx.spend, ctx.store, NOW);
  assert.deepEqual(listed.map((c) => [c.name, c.source]), [['ci', 'config'], ['bot', 'api']]);
  assert.ok(!JSON.stringify(listed).includes(created.key), 'never a key');
  assert.equal((await refusal(createApiClient(ctx.spend, ctx.store, { name: 'bot' }, NOW))).status, 409);
  assert.equal((await refusal(createApiClient(ctx.spend, ctx.store, { name: 'ci' }, NOW))).status, 409);
  assert.match((await refusal(createApiClient(ctx.spend, ctx.store, { name: 'x', budget: { usd: -1 } }, NOW))).message, /budget\.usd/);
  assert.match((await refusal(createApiClient(ctx.spend, ctx.store, { name: 'x', key: 'mine' }, NOW))).message, /key: unknown field/);
  assert.equal((await refusal(revokeApiClient(ctx.spend, ctx.store, 'ci', NOW))).status, 409);
  await revokeApiClient(ctx.spend, ctx.store, 'bot', NOW);
  assert.equal(ctx.spend.clients.byName.has('bot'), false);
  assert.equal((await refusal(revokeApiClient(ctx.spend, ctx.store, 'bot', NOW))).status, 404);
  const again = await createApiClient(ctx.spend, ctx.store, { name: 'bot' }, NOW);
  assert.notEqual(again.key, created.key, 'a revoked name can be issued again, with a new key');
});
