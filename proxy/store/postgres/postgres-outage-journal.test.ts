import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutageJournal } from './postgres-outage-journal';
import type { PendingEntry } from './postgres-write-rows';

const entry = (id: string): PendingEntry => ({
  kind: 'request',
  record: {
    id, startedAt: 1_000, client: 'ci', model: 'm', target: 'p/m', format: 'openai-chat', stream: false, status: 200,
    inputTokens: 1, outputTokens: 1, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: null, costUsd: 0.1,
    latencyMs: 3, overheadMs: 1, ttfbMs: null, error: null, attempts: [],
  },
});
const ids = (entries: PendingEntry[]) => entries.map((e) => (e.record as { id: string }).id);
/** A writer that records each replay's rows, one list per file. */
const collector = (written: string[][]) => async (chunks: AsyncIterable<PendingEntry[]>) => {
  const rows: string[] = [];
  for await (const chunk of chunks) rows.push(...ids(chunk));
  written.push(rows);
};
const journalPath = () => join(mkdtempSync(join(tmpdir(), 'switchyard-outage-journal-')), 'postgres.pending-rows');

const cases: Array<{ name: string; run: () => Promise<void> }> = [
  {
    name: 'rows kept survive the process: a new journal on the same file replays them',
    async run() {
      const path = journalPath();
      const first = new OutageJournal(path);
      first.keep([entry('a'), entry('b')]);
      first.close();
      const second = new OutageJournal(path);
      assert.equal(second.size, 2);
      const written: string[][] = [];
      assert.deepEqual(await second.replay(collector(written)), { written: 2, unreadable: 0 });
      assert.deepEqual(written, [['a', 'b']]);
      assert.equal(second.isEmpty, true);
    },
  },
  {
    name: 'beyond the bound rows are dropped and counted, never kept',
    async run() {
      const journal = new OutageJournal(journalPath(), 3);
      assert.equal(journal.keep([entry('a'), entry('b')]), 0);
      assert.equal(journal.keep([entry('c'), entry('d'), entry('e')]), 2);
      assert.equal(journal.size, 3);
    },
  },
  {
    name: 'a failed replay keeps every row for the next attempt; rows kept meanwhile follow in their own batch',
    async run() {
      const journal = new OutageJournal(journalPath());
      journal.keep([entry('a')]);
      await assert.rejects(journal.replay(async () => {
        journal.keep([entry('b')]);
        throw new Error('connect ECONNREFUSED');
      }));
      assert.equal(journal.size, 2);
      const written: string[][] = [];
      await journal.replay(collector(written));
      assert.deepEqual(written, [['a'], ['b']]);
      assert.equal(journal.isEmpty, true);
      assert.equal(journal.size, 0);
    },
  },
  {
    name: 'a replay reads its file in chunks, skipping and counting lines it cannot read back',
    async run() {
      const path = journalPath();
      const journal = new OutageJournal(path, 100, 2);
      journal.keep([entry('a'), entry('b'), entry('c')]);
      appendFileSync(path, '{"kind":"request","rec\n');
      journal.keep([entry('d'), entry('e')]);
      const chunks: string[][] = [];
      const result = await journal.replay(async (replayed) => {
        for await (const chunk of replayed) chunks.push(ids(chunk));
      });
      assert.deepEqual(chunks, [['a', 'b'], ['c', 'd'], ['e']]);
      assert.deepEqual(result, { written: 5, unreadable: 1 });
    },
  },
];

for (const c of cases) test(c.name, c.run);
