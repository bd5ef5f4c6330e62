// The Store contract, one table of cases run against both implementations: SQLite (the default)
// and Postgres (team mode, a throwaway cluster from start-services).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { SqliteStore } from '../proxy/store/sqlite/sqlite-store';
import { PostgresStore } from '../proxy/store/postgres/postgres-store';
import { StoreConflictError, type RequestInsight, type RequestRecord, type Store } from '../proxy/store/store';
import { startPostgres, type Service } from './helpers/start-services';
import { tempDir } from './helpers/spawn-gateway';
import { join } from 'node:path';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const TODAY = Date.UTC(2026, 10, 24);

let seq = 0;
function row(overrides: Partial<RequestRecord>): RequestRecord {
  seq++;
  return {
    id: `req-${seq}`, startedAt: NOW - 1000, client: 'ci', model: 'smart', target: 'alpha/m-large', format: 'openai-chat', stream: false,
    status: 200, inputTokens: 10, outputTokens: 5, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, costUsd: 0.01,
    latencyMs: 100, overheadMs: 1, ttfbMs: 50, error: null, attempts: [{ target: 'alpha/m-large', status: 200, latencyMs: 99, error: null }],
    ...overrides,
  };
}

/** 45 days of traffic: two clients, two targets, a failure and an unpriced answer each day. */
function history(): RequestRecord[] {
  const rows: RequestRecord[] = [];
  for (let d = 45; d >= 0; d--) {
    const dayStart = TODAY - d * DAY;
    for (let i = 0; i < 12; i++) {
      rows.push(row({
        startedAt: dayStart + i * 3_600_000 + 17,
        client: i % 3 === 0 ? 'bob' : 'ci',
        target: i % 2 === 0 ? 'alpha/m-large' : 'beta/m-backup',
        costUsd: i === 5 ? null : 0.001 * (i + 1) + d * 1e-5,
        status: i === 7 ? 502 : 200,
        latencyMs: 20 + i * 37 + d,
      }));
    }
  }
  return rows;
}

interface Case {
  name: string;
  run: (store: Store, reopen: () => Promise<Store>) => Promise<void>;
}

const cases: Case[] = [
  {
    name: 'lists requests newest first with attempts, filtered by client and status',
    async run(store) {
      store.recordRequest(row({ id: 'a', startedAt: NOW - 3000, client: 'ci' }));
      store.recordRequest(row({ id: 'b', startedAt: NOW - 2000, client: 'bob', status: 502, target: null, costUsd: null, error: 'upstream_error: boom' }));
      store.recordRequest(row({ id: 'c', startedAt: NOW - 1000, client: 'ci', stream: true }));
      const all = await store.listRequests({ limit: 10 });
      assert.deepEqual(all.map((r) => r.id), ['c', 'b', 'a']);
      assert.equal(all[0]!.stream, true);
      assert.deepEqual(all[2]!.attempts, [{ target: 'alpha/m-large', status: 200, latencyMs: 99, error: null }]);
      assert.equal(all[1]!.error, 'upstream_error: boom');
      assert.deepEqual((await store.listRequests({ limit: 10, client: 'ci' })).map((r) => r.id), ['c', 'a']);
      assert.deepEqual((await store.listRequests({ limit: 10, status: 'error' })).map((r) => r.id), ['b']);
      assert.deepEqual((await store.listRequests({ limit: 1, offset: 1 })).map((r) => r.id), ['b']);
    },
  },
  {
    name: 'spend groups by client, model and day, with unknown costs counted apart',
    async run(store) {
      store.recordRequest(row({ client: 'ci', costUsd: 0.5, startedAt: TODAY + 10 }));
      store.recordRequest(row({ client: 'ci', costUsd: null, startedAt: TODAY + 20 }));
      store.recordRequest(row({ client: 'bob', costUsd: 0.25, startedAt: TODAY - DAY + 5 }));
      store.recordRequest(row({ client: null, target: null, costUsd: null, status: 401, startedAt: TODAY + 30 }));
      const byClient = await store.spend({ by: 'client' });
      assert.deepEqual(byClient.map((r) => [r.key, r.requests, r.costUsd, r.unknownCost]), [['ci', 2, 0.5, 1], ['bob', 1, 0.25, 0], ['(none)', 1, 0, 0]]);
      const byDay = await store.spend({ by: 'day' });
      assert.deepEqual(byDay.map((r) => [r.key, r.requests, r.costUsd]), [['2026-11-23', 1, 0.25], ['2026-11-24', 3, 0.5]]);
      assert.deepEqual((await store.spend({ by: 'day', client: 'bob' })).map((r) => r.key), ['2026-11-23']);
      const byHour = await store.spend({ by: 'hour', from: TODAY, to: TODAY + DAY });
      assert.deepEqual(byHour.map((r) => [r.key, r.requests]), [['2026-11-24T00:00', 3]]);
      assert.equal((await store.spend({ by: 'model' }))[0]!.inputTokens, 40);
    },
  },
  {
    name: 'spentUsd filters by window, client and provider',
    async run(store) {
      store.recordRequest(row({ client: 'ci', target: 'alpha/m-large', costUsd: 1, startedAt: TODAY + 1 }));
      store.recordRequest(row({ client: 'bob', target: 'alphabet/x', costUsd: 2, startedAt: TODAY + 2 }));
      store.recordRequest(row({ client: 'ci', target: 'beta/m', costUsd: 4, startedAt: TODAY - 1 }));
      assert.equal(await store.spentUsd({ from: TODAY, to: TODAY + DAY }), 3);
      assert.equal(await store.spentUsd({ from: 0, to: Number.MAX_SAFE_INTEGER, client: 'ci' }), 5);
      assert.equal(await store.spentUsd({ from: 0, to: Number.MAX_SAFE_INTEGER, provider: 'alpha' }), 1);
    },
  },
  {
    name: 'time series buckets by hour with nearest-rank percentiles',
    async run(store) {
      for (const latency of [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]) store.recordRequest(row({ startedAt: TODAY + 3_600_000 + latency, latencyMs: latency, status: latency === 100 ? 500 : 200 }));
      const points = await store.timeseries({ bucket: 'hour', from: TODAY, to: TODAY + DAY });
      assert.deepEqual(points, [{ t: TODAY + 3_600_000, key: 'all', requests: 10, errors: 1, costUsd: points[0]!.costUsd, p50Ms: 50, p95Ms: 100 }]);
      assert.ok(Math.abs(points[0]!.costUsd - 0.1) < 1e-9);
    },
  },
  {
    name: 'settings are set, replaced and deleted',
    async run(store) {
      assert.equal(await store.getSetting('active_profile'), undefined);
      await store.setSetting('active_profile', 'cheap');
      await store.setSetting('active_profile', 'fast');
      assert.equal(await store.getSetting('active_profile'), 'fast');
      await store.setSetting('active_profile', null);
      assert.equal(await store.getSetting('active_profile'), undefined);
    },
  },
  {
    name: 'concurrent updates of one setting each see the one before: none is lost',
    async run(store) {
      // Postgres runs these on several pooled connections at once: without a lock around the read
      // and the write, two would read the same list and one addition would be lost.
      const added = Array.from({ length: 30 }, (_, i) => `route-${i}`);
      const results = await Promise.all(added.map((name) => store.updateSetting('edits', (text) => JSON.stringify([...(text ? (JSON.parse(text) as string[]) : []), name]))));
      const stored = JSON.parse((await store.getSetting('edits'))!) as string[];
      assert.deepEqual([...stored].sort(), [...added].sort());
      assert.ok(results.includes(await store.getSetting('edits') ?? null), 'the last update returns what is stored');
      assert.equal(await store.updateSetting('edits', () => null), null);
      assert.equal(await store.getSetting('edits'), undefined);
      // A change that throws leaves the setting as it was.
      await store.setSetting('edits', '["kept"]');
      await assert.rejects(store.updateSetting('edits', () => {
        throw new Error('refused');
      }), /refused/);
      assert.equal(await store.getSetting('edits'), '["kept"]');
    },
  },
  {
    name: 'API clients: a live name is unique, revoked names can be reused',
    async run(store) {
      const client = { name: 'dev', keyHash: 'h1', createdAt: NOW, expiresAt: null, revokedAt: null, budget: { usd: 2, period: 'day' as const, alerts: [50] }, rateLimit: { rpm: 3 }, allowedModels: ['smart'] };
      await store.createApiClient(client);
      await assert.rejects(store.createApiClient({ ...client, keyHash: 'h2' }), StoreConflictError);
      assert.deepEqual(await store.listApiClients(), [client]);
      assert.equal(await store.revokeApiClient('dev', NOW + 1), true);
      assert.equal(await store.revokeApiClient('dev', NOW + 2), false);
      await store.createApiClient({ ...client, keyHash: 'h3', budget: null, rateLimit: null, allowedModels: null });
      assert.deepEqual((await store.listApiClients()).map((c) => [c.keyHash, c.budget]), [['h3', null]]);
    },
  },
  {
    name: 'events are deduplicated by key and listed after an id',
    async run(store) {
      const event = { kind: 'budget_threshold' as const, scope: 'client', name: 'ci', percent: 50, message: 'half', at: NOW, dedupeKey: 'k1' };
      const first = await store.addEvent(event);
      assert.ok(first && first.id > 0);
      assert.equal(await store.addEvent(event), null);
      const second = await store.addEvent({ ...event, dedupeKey: undefined, percent: null, message: 'no key' });
      assert.deepEqual((await store.listEvents(0, 10)).map((e) => e.message), ['half', 'no key']);
      assert.deepEqual((await store.listEvents(first.id, 10)).map((e) => e.id), [second!.id]);
    },
  },
  {
    name: 'retention rolls days up and prunes old rows and insights, keeps the savings ledger; every read agrees before and after',
    async run(store) {
      for (const r of history()) store.recordRequest(r);
      const insight = (requestId: string, at: number): RequestInsight => ({
        requestId, at, client: 'bob', route: 'r', target: 'beta/m', fingerprint: 'f', cacheable: false, cacheHit: false, promptCache: 'none',
        inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: 0.01, toolOutputs: [],
      });
      store.recordInsight(insight('req_old', TODAY - 40 * DAY));
      store.recordInsight(insight('req_new', TODAY - 2 * DAY));
      store.recordSaving({ requestId: 'req_old', at: TODAY - 40 * DAY, method: 'response_cache', baseline: 0.5, actual: 0, savedUsd: 0.5, verified: true, evidence: {} });
      const reads = async () => ({
        byDay: await store.spend({ by: 'day' }),
        byClient: await store.spend({ by: 'client' }),
        byTarget: await store.spend({ by: 'target', from: TODAY - 40 * DAY, to: TODAY + DAY }),
        month: await store.spentUsd({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }),
        total: await store.spentUsd({ from: 0, to: Number.MAX_SAFE_INTEGER, client: 'bob' }),
        provider: await store.spentUsd({ from: TODAY - 10 * DAY, to: TODAY + DAY, provider: 'beta' }),
        series: await store.timeseries({ bucket: 'day', from: TODAY - 45 * DAY, to: TODAY + DAY, by: 'target' }),
      });
      const beforeRetention = await reads();
      const result = await store.applyRetention({ now: NOW, rawDays: 30 });
      assert.equal(result.rolledDays, 45);
      assert.equal(result.prunedRows, 15 * 12);
      assert.equal((await store.listRequests({ limit: 1000 })).length, 31 * 12);
      assert.deepEqual((await store.listInsights({ from: 0, to: NOW, limit: 10 })).map((i) => i.requestId), ['req_new']);
      assert.equal(await store.totalSavedUsd(), 0.5);
      const afterRetention = await reads();
      assertSpendClose(afterRetention.byDay, beforeRetention.byDay);
      assertSpendClose(afterRetention.byClient, beforeRetention.byClient);
      assertSpendClose(afterRetention.byTarget, beforeRetention.byTarget);
      for (const key of ['month', 'total', 'provider'] as const) assert.ok(Math.abs(afterRetention[key] - beforeRetention[key]) < 1e-9, key);
      assert.equal(afterRetention.series.length, beforeRetention.series.length);
      afterRetention.series.forEach((p, i) => {
        const exact = beforeRetention.series[i]!;
        assert.deepEqual([p.t, p.key, p.requests, p.errors], [exact.t, exact.key, exact.requests, exact.errors]);
        assert.ok(Math.abs(p.costUsd - exact.costUsd) < 1e-9);
        // Rollup percentiles come from a sketch: within 1% (+ rounding) of the exact value.
        assert.ok(Math.abs(p.p50Ms! - exact.p50Ms!) <= exact.p50Ms! * 0.01 + 0.01, `p50 ${p.p50Ms} vs ${exact.p50Ms}`);
        assert.ok(Math.abs(p.p95Ms! - exact.p95Ms!) <= exact.p95Ms! * 0.01 + 0.01, `p95 ${p.p95Ms} vs ${exact.p95Ms}`);
      });
      assert.deepEqual(await store.applyRetention({ now: NOW, rawDays: 30 }), { rolledDays: 0, prunedRows: 0 });
      assertSpendClose(await store.spend({ by: 'day' }), beforeRetention.byDay);
    },
  },
  {
    name: 'migrations run once: reopening the same database keeps the data',
    async run(store, reopen) {
      await store.setSetting('k', 'v');
      store.recordRequest(row({ id: 'kept' }));
      await store.close();
      const again = await reopen();
      try {
        assert.equal(await again.getSetting('k'), 'v');
        assert.deepEqual((await again.listRequests({ limit: 5 })).map((r) => r.id), ['kept']);
      } finally {
        await again.close();
      }
    },
  },
];

function assertSpendClose(actual: Array<{ key: string; requests: number; costUsd: number; unknownCost: number; inputTokens: number }>, expected: typeof actual): void {
  assert.deepEqual(actual.map((r) => [r.key, r.requests, r.unknownCost, r.inputTokens]), expected.map((r) => [r.key, r.requests, r.unknownCost, r.inputTokens]));
  actual.forEach((r, i) => assert.ok(Math.abs(r.costUsd - expected[i]!.costUsd) < 1e-9, `${r.key}: ${r.costUsd} vs ${expected[i]!.costUsd}`));
}

describe('Store contract: SQLite', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const dataDir = tempDir('store');
      const store = new SqliteStore({ dataDir });
      let closed = false;
      try {
        await c.run(store, async () => {
          closed = true;
          return new SqliteStore({ dataDir });
        });
      } finally {
        if (!closed) await store.close();
      }
    });
  }
});

describe('Store contract: Postgres', () => {
  let postgres: Service;
  let admin: Pool;
  before(async () => {
    postgres = await startPostgres();
    admin = new Pool({ connectionString: postgres.url, max: 1 });
    admin.on('error', () => undefined); // the server going away at the end is expected
  });
  after(async () => {
    await admin?.end();
    await postgres?.stop();
  });
  cases.forEach((c, i) => {
    test(c.name, async () => {
      // A fresh database per case, so cases never see each other's rows.
      await admin.query(`CREATE DATABASE contract_${i}`);
      const url = postgres.url.replace(/\/switchyard$/, `/contract_${i}`);
      const journalPath = join(tempDir(`contract-${i}`), 'postgres.pending-rows');
      const store = await PostgresStore.open({ url, journalPath });
      let closed = false;
      try {
        await c.run(store, async () => {
          closed = true;
          return PostgresStore.open({ url, journalPath });
        });
      } finally {
        if (!closed) await store.close();
      }
    });
  });
});
