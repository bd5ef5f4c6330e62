// Writes queued rows (request log, savings ledger, advisor observations) to Postgres as multi-row
// inserts. Every row is keyed (a request; a ledger entry by request and method), so a batch that
// landed after its deadline and is written again from the outage journal doubles nothing; the
// journal's replay, which may span many statements, is one transaction.

import type { Pool } from 'pg';
import type { RequestInsight, RequestRecord, SavingRecord } from '../store';
import { inTransaction } from './in-transaction';

/** One queued row, as the outage journal keeps it. */
export type PendingEntry =
  | { kind: 'request'; record: RequestRecord }
  | { kind: 'saving'; record: SavingRecord }
  | { kind: 'insight'; record: RequestInsight };

const ROWS_PER_STATEMENT = 500;
const REQUEST_COLUMNS = 19;
const SAVING_COLUMNS = 8;

type Statement = { text: string; values: unknown[] };

/**
 * The 20 ms batches on the request path: no BEGIN/COMMIT round trips (see above why none is needed),
 * and the statements side by side on separate connections, so a response waits for one round trip.
 */
export async function writePendingEntries(pool: Pool, entries: PendingEntry[]): Promise<void> {
  await Promise.all(insertStatements(entries).map((statement) => pool.query(statement.text, statement.values)));
}

/** Everything or nothing, however many chunks: the outage journal's replay. */
export async function writePendingEntriesAtomically(pool: Pool, chunks: AsyncIterable<PendingEntry[]>): Promise<void> {
  await inTransaction(pool, async (client) => {
    for await (const chunk of chunks) {
      for (const statement of insertStatements(chunk)) await client.query(statement.text, statement.values);
    }
  });
}

/** The multi-row INSERTs for a batch, each safe to run again and in any order. */
function insertStatements(entries: PendingEntry[]): Statement[] {
  const requests: RequestRecord[] = [];
  const savings: SavingRecord[] = [];
  // One statement may not upsert a key twice: the last observation of a request wins.
  const insights = new Map<string, RequestInsight>();
  for (const entry of entries) {
    if (entry.kind === 'request') requests.push(entry.record);
    else if (entry.kind === 'saving') savings.push(entry.record);
    else insights.set(entry.record.requestId, entry.record);
  }
  return [...chunks(requests).map(insertRequests), ...chunks([...insights.values()]).map(insertInsights), ...chunks(savings).map(insertSavings)];
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) out.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return out;
}

function placeholders(rowCount: number, columns: number): string {
  return Array.from({ length: rowCount }, (_, i) => `(${Array.from({ length: columns }, (_, j) => `$${i * columns + j + 1}`).join(', ')})`).join(', ');
}

function insertRequests(rows: RequestRecord[]): Statement {
  const values = rows.flatMap((r) => [
    pgText(r.id), r.startedAt, pgText(r.client), pgText(r.model), pgText(r.target), r.format, r.stream, r.status, r.inputTokens, r.outputTokens,
    r.cachedTokens, r.cacheWriteTokens, r.reasoningTokens, r.costUsd, r.latencyMs, r.overheadMs, r.ttfbMs, pgText(r.error), pgJson(r.attempts),
  ]);
  // ON CONFLICT: a batch written again after a lost acknowledgement is not written twice.
  return {
    text: `INSERT INTO requests (id, started_at, client, model, target, format, stream, status, input_tokens, output_tokens,
      cached_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, overhead_ms, ttfb_ms, error, attempts)
      VALUES ${placeholders(rows.length, REQUEST_COLUMNS)} ON CONFLICT (id) DO NOTHING`,
    values,
  };
}

function insertSavings(rows: SavingRecord[]): Statement {
  const values = rows.flatMap((r) => [pgText(r.requestId), r.at, r.method, r.baseline, r.actual, r.savedUsd, r.verified, pgJson(r.evidence)]);
  return {
    text: `INSERT INTO savings (request_id, at, method, baseline_usd, actual_usd, saved_usd, verified, evidence) VALUES ${placeholders(rows.length, SAVING_COLUMNS)}
      ON CONFLICT (request_id, method) DO NOTHING`,
    values,
  };
}

function insertInsights(rows: RequestInsight[]): Statement {
  const values = rows.flatMap((r) => [pgText(r.requestId), r.at, pgJson(r)]);
  return {
    text: `INSERT INTO request_insights (request_id, at, data) VALUES ${placeholders(rows.length, 3)}
      ON CONFLICT (request_id) DO UPDATE SET at = excluded.at, data = excluded.data`,
    values,
  };
}

// Postgres text and jsonb cannot hold U+0000, and a client chooses some of these strings (the model
// it asks for): one such row would make Postgres refuse its whole batch. It is kept as U+FFFD.
const NUL = String.fromCharCode(0);

export function pgText(value: string | null): string | null {
  return value !== null && value.includes(NUL) ? value.replaceAll(NUL, '\uFFFD') : value;
}

/** `\u0000` escapes in serialised JSON, not preceded by an escaped backslash (`\\u0000` is text). */
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

export function pgJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? json.replace(JSON_NUL, '$1\\ufffd') : json;
}
