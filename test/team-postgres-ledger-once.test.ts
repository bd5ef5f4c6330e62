// The savings ledger in Postgres holds one entry per request and method. A batch that missed its
// write deadline (a Postgres that hung, then came back) lands late and is also written again from
// the outage journal: request rows were keyed against that, ledger entries counted twice.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { migratePostgres } from '../proxy/store/postgres/postgres-migrations';
import { writePendingEntries, writePendingEntriesAtomically, type PendingEntry } from '../proxy/store/postgres/postgres-write-rows';
import type { SavingRecord } from '../proxy/store/store';
import { startPostgres, type RestartablePostgres } from './helpers/start-services';

let postgres: RestartablePostgres;
let pool: Pool;

before(async () => {
  postgres = await startPostgres();
  pool = new Pool({ connectionString: postgres.url });
  await migratePostgres(pool);
});

after(async () => {
  await pool?.end();
  await postgres?.stop();
});

const saving = (requestId: string, method: SavingRecord['method'], savedUsd: number): SavingRecord => ({
  requestId, at: Date.UTC(2026, 10, 25), method, baseline: savedUsd, actual: 0, savedUsd, verified: true, evidence: { why: 'test' },
});

async function ledger(prefix: string): Promise<Array<{ request_id: string; method: string; saved_usd: number }>> {
  const { rows } = await pool.query('SELECT request_id, method, saved_usd FROM savings WHERE request_id LIKE $1 ORDER BY request_id, method, id', [`${prefix}%`]);
  return rows;
}

async function* once<T>(value: T): AsyncIterable<T> {
  yield value;
}

test('a batch written on time and again from the outage journal counts each saving once', async () => {
  const entries: PendingEntry[] = [
    { kind: 'saving', record: saving('late-1', 'response_cache', 0.25) },
    { kind: 'saving', record: saving('late-1', 'compression', 0.5) },
    { kind: 'saving', record: saving('late-2', 'response_cache', 1) },
  ];
  await writePendingEntries(pool, entries);
  await writePendingEntriesAtomically(pool, once(entries));
  await writePendingEntries(pool, entries);
  assert.deepEqual(await ledger('late-'), [
    { request_id: 'late-1', method: 'compression', saved_usd: 0.5 },
    { request_id: 'late-1', method: 'response_cache', saved_usd: 0.25 },
    { request_id: 'late-2', method: 'response_cache', saved_usd: 1 },
  ]);
  const { rows } = await pool.query<{ usd: number }>("SELECT sum(saved_usd) AS usd FROM savings WHERE request_id LIKE 'late-%'");
  assert.equal(rows[0]!.usd, 1.75);
});

test('migrating a ledger that already holds doubles keeps the first of each and refuses new ones', async () => {
  // The schema as it was before version 3: no unique index, and doubles written by a late batch.
  await pool.query('DROP INDEX savings_request_method');
  await pool.query("DELETE FROM schema_migrations WHERE version = 3");
  const insert = 'INSERT INTO savings (request_id, at, method, baseline_usd, actual_usd, saved_usd, verified, evidence) VALUES ($1, 0, $2, $3, 0, $3, true, \'{}\')';
  for (const [id, method, usd] of [['old-1', 'response_cache', 2], ['old-1', 'response_cache', 2], ['old-1', 'compression', 3], ['old-2', 'prompt_cache', 4], ['old-2', 'prompt_cache', 4]] as const) {
    await pool.query(insert, [id, method, usd]);
  }
  assert.equal((await ledger('old-')).length, 5);

  assert.equal(await migratePostgres(pool), 3);
  assert.deepEqual(await ledger('old-'), [
    { request_id: 'old-1', method: 'compression', saved_usd: 3 },
    { request_id: 'old-1', method: 'response_cache', saved_usd: 2 },
    { request_id: 'old-2', method: 'prompt_cache', saved_usd: 4 },
  ]);
  await writePendingEntries(pool, [{ kind: 'saving', record: saving('old-2', 'prompt_cache', 4) }]);
  assert.equal((await ledger('old-2')).length, 1);
});
