// The savings ledger and advisor observations on a real (throwaway) PostgreSQL: the same behaviour
// as the SQLite store — newest first, verified-only total, observations by time, idempotent by request.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresStore } from '../proxy/store/postgres/postgres-store';
import type { RequestInsight, SavingRecord } from '../proxy/store/store';
import { join } from 'node:path';
import { startPostgres, type Service } from './helpers/start-services';
import { tempDir } from './helpers/spawn-gateway';

let postgres: Service;

before(async () => {
  postgres = await startPostgres();
});

after(async () => {
  await postgres?.stop();
});

const saving = (over: Partial<SavingRecord>): SavingRecord => ({
  requestId: 'req_1', at: 1000, method: 'response_cache', baseline: 0.5, actual: 0, savedUsd: 0.5, verified: true, evidence: { a: 1 }, ...over,
});

test('Postgres ledger: newest first, verified-only total, observations survive a reopen', async () => {
  const journalPath = join(tempDir('pg-ledger'), 'postgres.pending-rows');
  const store = await PostgresStore.open({ url: postgres.url, journalPath });
  store.recordSaving(saving({ requestId: 'req_1', at: 1000 }));
  store.recordSaving(saving({ requestId: 'req_2', at: 2000, method: 'compression', baseline: null, actual: null, savedUsd: 0, verified: false, evidence: { unverifiedBecause: 'x' } }));
  store.recordSaving(saving({ requestId: 'req_3', at: 3000, method: 'prompt_cache', baseline: 0.03, actual: 0.0099, savedUsd: 0.0201 }));
  assert.equal(await store.totalSavedUsd(), 0.5 + 0.0201);
  const entries = await store.listSavings({ limit: 10 });
  assert.deepEqual(entries.map((e) => e.requestId), ['req_3', 'req_2', 'req_1']);
  assert.deepEqual(entries[1], saving({ requestId: 'req_2', at: 2000, method: 'compression', baseline: null, actual: null, savedUsd: 0, verified: false, evidence: { unverifiedBecause: 'x' } }));
  const insight: RequestInsight = {
    requestId: 'req_1', at: 500, client: null, route: 'r', target: 'a/m', fingerprint: 'f', cacheable: true, cacheHit: false, promptCache: 'none',
    inputTokens: 1, outputTokens: 2, cachedTokens: 0, costUsd: 0.1, toolOutputs: [{ command: 'ls', chars: 9 }],
  };
  store.recordInsight(insight);
  store.recordInsight(insight);
  store.recordInsight({ ...insight, requestId: 'req_9', at: 5000 });
  await store.close();
  const reopened = await PostgresStore.open({ url: postgres.url, journalPath });
  assert.equal(await reopened.totalSavedUsd(), 0.5 + 0.0201);
  assert.deepEqual(await reopened.listInsights({ from: 0, to: 1000, limit: 10 }), [insight]);
  await reopened.close();
});
