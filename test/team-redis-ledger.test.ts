// The Redis budget ledger and rate limiter against a real redis-server, each "instance" with its
// own connection: reservations are atomic across connections, holds of a crashed instance expire,
// a window is seeded once from the request log, and rate limits count every connection's requests.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisBudgetLedger } from '../proxy/spend/redis-budget-ledger';
import { RedisRateLimiter } from '../proxy/spend/redis-rate-limiter';
import type { BudgetScope } from '../proxy/spend/budget-ledger';
import { GatewayError } from '../proxy/errors';
import { startRedis, type Service } from './helpers/start-services';

const NOW = Date.UTC(2026, 10, 24, 12);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let server: Service;
const connections: Redis[] = [];

function connect(): Redis {
  const redis = new Redis(server.url);
  connections.push(redis);
  return redis;
}

let scopeSeq = 0;
function scope(limitUsd: number, kind: BudgetScope['kind'] = 'client'): BudgetScope {
  return { kind, name: `s${++scopeSeq}`, limitUsd, period: 'day', alerts: [50] };
}

before(async () => {
  server = await startRedis();
});

after(async () => {
  await Promise.all(connections.map((c) => c.quit()));
  await server?.stop();
});

test('concurrent reservations from two instances never hold more than the limit', async () => {
  const s = scope(1.0);
  const loads: number[] = [];
  const loader = async () => {
    loads.push(1);
    return 0;
  };
  const [a, b] = [new RedisBudgetLedger(connect(), loader), new RedisBudgetLedger(connect(), loader)];
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).reserve([{ scope: s, usd: 0.1 }], NOW)));
  assert.equal(results.filter((r) => r.ok).length, 10);
  const usage = await a.usage(s, NOW);
  assert.ok(Math.abs(usage.reservedUsd - 1.0) < 1e-9, `reserved ${usage.reservedUsd}`);
  assert.ok(loads.length <= 2, 'the window is seeded at most once per instance race');
  for (const r of results) if (r.ok) await b.settle(r.hold, () => 0.05);
  const settled = await b.usage(s, NOW);
  assert.deepEqual([Math.round(settled.spentUsd * 1e9) / 1e9, settled.reservedUsd], [0.5, 0]);
});

test('a reservation over several scopes is all or nothing', async () => {
  const roomy = scope(10);
  const full = scope(1, 'global');
  const ledger = new RedisBudgetLedger(connect(), async (sc) => (sc.limitUsd === 1 ? 1 : 0));
  const result = await ledger.reserve([{ scope: roomy, usd: 0.5 }, { scope: full, usd: 0.5 }], NOW);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.scope.kind, 'global');
  assert.equal((await ledger.usage(roomy, NOW)).reservedUsd, 0);
});

test('the one request past the limit runs only while nothing else is outstanding', async () => {
  const s = scope(1);
  const ledger = new RedisBudgetLedger(connect(), async () => 0.9);
  const first = await ledger.reserve([{ scope: s, usd: 0.5 }], NOW);
  assert.equal(first.ok, true);
  assert.equal((await ledger.reserve([{ scope: s, usd: 0.5 }], NOW)).ok, false);
  const settlements = await ledger.settle(first.ok ? first.hold : (undefined as never), () => 0.2);
  assert.deepEqual(settlements.map((x) => [x.beforeUsd, Math.round(x.afterUsd * 1e9) / 1e9]), [[0.9, 1.1]]);
  const refused = await ledger.reserve([{ scope: s, usd: 0.01 }], NOW);
  assert.equal(refused.ok, false, 'spent ≥ limit refuses everything');
});

test('holds of a crashed instance expire, and release frees a hold at once', async () => {
  const s = scope(1);
  const crashed = new RedisBudgetLedger(connect(), async () => 0, { holdTtlMs: 300 });
  const survivor = new RedisBudgetLedger(connect(), async () => 0);
  assert.equal((await crashed.reserve([{ scope: s, usd: 1 }], NOW)).ok, true);
  assert.equal((await survivor.reserve([{ scope: s, usd: 0.5 }], NOW)).ok, false, 'held by the crashed instance');
  await new Promise((r) => setTimeout(r, 400));
  const after = await survivor.reserve([{ scope: s, usd: 0.5 }], NOW);
  assert.equal(after.ok, true, 'the expired hold no longer counts');
  await survivor.release(after.ok ? after.hold : (undefined as never));
  assert.deepEqual(await survivor.usage(s, NOW), { spentUsd: 0, reservedUsd: 0, windowKey: '2026-11-24' });
});

test('rate limits count requests from every instance, and settled tokens replace estimates', async () => {
  const [a, b] = [new RedisRateLimiter(connect(), quiet), new RedisRateLimiter(connect(), quiet)];
  const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => Promise.resolve((i % 2 ? a : b).admit('team-rpm', { rpm: 5 }, 1)).then(() => 'ok', (e: GatewayError) => `${e.kind}:${e.retryAfter}`)));
  assert.equal(outcomes.filter((o) => o === 'ok').length, 5);
  for (const o of outcomes.filter((x) => x !== 'ok')) assert.match(o, /^rate_limited:(59|60)$/);

  const ticket = await a.admit('team-tpm', { tpm: 100 }, 10);
  a.settle(ticket, 95);
  await new Promise((r) => setTimeout(r, 100));
  await assert.rejects(Promise.resolve(b.admit('team-tpm', { tpm: 100 }, 10)), /100 tokens per minute/);
});

test('release gives a request\'s slot and its tokens back, seen from every instance', async () => {
  const [a, b] = [new RedisRateLimiter(connect(), quiet), new RedisRateLimiter(connect(), quiet)];
  const limit = { rpm: 2, tpm: 100 };
  await a.admit('team-release', limit, 40);
  const refused = await a.admit('team-release', limit, 50);
  await a.release(refused);
  await a.release(refused);
  await b.admit('team-release', limit, 60); // 40 + 60 fits: the released 50 no longer counts
  await assert.rejects(Promise.resolve(b.admit('team-release', limit, 1)), /2 requests per minute/);
});
