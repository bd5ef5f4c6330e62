import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store';
import type { RequestInsight, RequestRecord, SavingRecord } from '../store';

const JOURNAL = 'switchyard.db.pending-rows';

const request = (id: string): RequestRecord => ({
  id, startedAt: 1_000, client: 'ci', model: 'm', target: 'p/m', format: 'openai-chat', stream: false, status: 200,
  inputTokens: 10, outputTokens: 5, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: null, costUsd: 0.25,
  latencyMs: 3, overheadMs: 1, ttfbMs: null, error: null, attempts: [{ target: 'p/m', status: 200, latencyMs: 3, error: null }],
});
const saving: SavingRecord = { requestId: 'req_a', at: 1_000, method: 'prompt_cache', baseline: 0.3, actual: 0.1, savedUsd: 0.2, verified: true, evidence: { cachedInputTokens: 9 } };
const insight: RequestInsight = {
  requestId: 'req_a', at: 1_000, client: 'ci', route: 'm', target: 'p/m', fingerprint: 'f', cacheable: false, cacheHit: false, promptCache: 'none',
  inputTokens: 10, outputTokens: 5, cachedTokens: 0, costUsd: 0.25, toolOutputs: [],
};
const journalLines = [
  { kind: 'request', record: request('req_a') },
  { kind: 'request', record: request('req_b') },
  { kind: 'saving', record: saving },
  { kind: 'insight', record: insight },
].map((e) => JSON.stringify(e) + '\n').join('');

async function contents(store: SqliteStore) {
  return {
    requests: (await store.listRequests({ limit: 10 })).map((r) => r.id).sort(),
    savedUsd: await store.totalSavedUsd(),
    savings: (await store.listSavings({ limit: 10 })).length,
    insights: (await store.listInsights({ from: 0, to: 10_000, limit: 10 })).length,
  };
}

test('flush makes queued rows crash-safe in the journal; the batched SQLite write empties it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-journal-store-'));
  const store = new SqliteStore({ dataDir });
  store.recordRequest(request('req_a'));
  store.recordSaving(saving);
  assert.equal(readFileSync(join(dataDir, JOURNAL), 'utf8'), '', 'nothing is written before flush');
  await store.flush();
  assert.match(readFileSync(join(dataDir, JOURNAL), 'utf8'), /"req_a"[\s\S]*"prompt_cache"/);
  assert.deepEqual((await store.listRequests({ limit: 5 })).map((r) => r.id), ['req_a'], 'reads see queued rows');
  assert.equal(readFileSync(join(dataDir, JOURNAL), 'utf8'), '');
  await store.close();
});

test('rows a crash left in the journal are written at the next start, torn tail skipped', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-journal-store-'));
  writeFileSync(join(dataDir, JOURNAL), journalLines + '{"kind":"request","record":{"id":"req_c"');
  const errors: string[] = [];
  const store = new SqliteStore({ dataDir, onWriteError: (err, message) => errors.push(`${message}: ${(err as Error).message}`) });
  assert.deepEqual(await contents(store), { requests: ['req_a', 'req_b'], savedUsd: 0.2, savings: 1, insights: 1 });
  assert.equal(readFileSync(join(dataDir, JOURNAL), 'utf8'), '');
  assert.deepEqual(errors, ['journal replay: 1 unreadable and 0 refused of 5 journalled rows']);
  await store.close();
});

test('a journal replayed over rows that were already committed adds nothing twice', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-journal-store-'));
  const first = new SqliteStore({ dataDir });
  first.recordRequest(request('req_a'));
  first.recordRequest(request('req_b'));
  first.recordSaving(saving);
  first.recordInsight(insight);
  await first.close();
  // The crash came after SQLite's commit but before the journal was cleared.
  writeFileSync(join(dataDir, JOURNAL), journalLines);
  const second = new SqliteStore({ dataDir });
  assert.deepEqual(await contents(second), { requests: ['req_a', 'req_b'], savedUsd: 0.2, savings: 1, insights: 1 });
  await second.close();
});

test('a batch SQLite refuses stays in the journal, is reported, and is written at the next start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-journal-store-'));
  const errors: string[] = [];
  const broken = new SqliteStore({ dataDir, onWriteError: (_err, message) => errors.push(message) });
  broken.recordRequest(request('req_a'));
  broken.recordSaving(saving);
  // The write that follows fails the way a full disk or a vanished file would: SQLite throws.
  broken.db.close();
  await assert.rejects(broken.listRequests({ limit: 5 }));
  assert.deepEqual(errors, ['could not write request rows to SQLite; they stay in the journal for the next start']);
  assert.match(readFileSync(join(dataDir, JOURNAL), 'utf8'), /"req_a"[\s\S]*"prompt_cache"/);
  const restarted = new SqliteStore({ dataDir });
  assert.deepEqual(await contents(restarted), { requests: ['req_a'], savedUsd: 0.2, savings: 1, insights: 0 });
  await restarted.close();
});
