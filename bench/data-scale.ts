// Data at scale: a request log of ROWS rows (default 1,000,000) over 60 days, rolled up by day as
// the gateway's retention job does (nothing pruned), then the dashboard's 30-day spend queries,
// timed, and the bytes each logged request takes.
// `node dist/bench/data-scale.js [rows]`.

import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../proxy/store/sqlite/sqlite-store';
import type { RequestRecord } from '../proxy/store/store';

const DAY = 86_400_000;

export interface ScaleResult {
  rows: number;
  insertSeconds: number;
  rollupSeconds: number;
  bytesPerRow: number;
  queries: Array<{ name: string; ms: number; groups: number }>;
}

export async function measureDataScale(rows: number): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-scale-'));
  const store = new SqliteStore({ dataDir: dir });
  try {
    const now = Date.now();
    const models = Array.from({ length: 12 }, (_, i) => `model-${i}`);
    const clients = Array.from({ length: 8 }, (_, i) => `client-${i}`);
    const started = performance.now();
    for (let i = 0; i < rows; i++) {
      const model = models[i % models.length]!;
      const record: RequestRecord = {
        id: `req_${i.toString(16).padStart(32, '0')}`,
        startedAt: now - Math.floor((i / rows) * 60 * DAY),
        client: clients[i % clients.length]!,
        model,
        target: `provider-${i % 3}/${model}`,
        format: 'openai-chat',
        stream: i % 4 === 0,
        status: i % 50 === 0 ? 502 : 200,
        inputTokens: 800 + (i % 400),
        outputTokens: 150 + (i % 90),
        cachedTokens: i % 3 === 0 ? 256 : 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: 0.0021 + (i % 7) * 0.0001,
        latencyMs: 420.5 + (i % 300),
        overheadMs: 0.41,
        ttfbMs: 210.25,
        error: i % 50 === 0 ? 'upstream_error: upstream answered 502' : null,
        attempts: [{ target: `provider-${i % 3}/${model}`, status: i % 50 === 0 ? 502 : 200, latencyMs: 420.1, error: i % 50 === 0 ? 'upstream_error' : null }],
      };
      store.recordRequest(record);
    }
    await store.flush();
    const insertSeconds = (performance.now() - started) / 1000;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = join(dir, 'switchyard.db');
    const bytes = statSync(file).size + (existsSync(file + '-wal') ? statSync(file + '-wal').size : 0);
    // The retention job rolls every completed UTC day up (here keeping all raw rows, as a 90-day
    // retention would); spend reads then take whole days from the rollups.
    const rollupStarted = performance.now();
    await store.applyRetention({ now, rawDays: 90 });
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    const from = now - 30 * DAY;
    const queries: ScaleResult['queries'] = [];
    for (const by of ['day', 'model', 'client', 'target'] as const) {
      await store.spend({ by, from, to: now + 1 }); // warm the page cache and the prepared statement
      const t0 = performance.now();
      const result = await store.spend({ by, from, to: now + 1 });
      queries.push({ name: `spend by ${by}, last 30 days`, ms: performance.now() - t0, groups: result.length });
    }
    return { rows, insertSeconds, rollupSeconds, bytesPerRow: bytes / rows, queries };
  } finally {
    await store.close();
    if (!process.env.KEEP_SCALE_DB) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir}\n`);
  }
}

if (require.main === module) {
  const rows = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 1_000_000;
  measureDataScale(rows).then((r) => {
    process.stdout.write(`${r.rows.toLocaleString('en-US')} request rows written in ${r.insertSeconds.toFixed(1)} s; ${r.bytesPerRow.toFixed(0)} bytes per logged request (database with indexes)\n`);
    process.stdout.write(`first roll-up of 60 days: ${r.rollupSeconds.toFixed(1)} s (the retention job does this once, then a day at a time)\n`);
    for (const q of r.queries) process.stdout.write(`${q.name}: ${q.ms.toFixed(1)} ms (${q.groups} rows)\n`);
  }, (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
