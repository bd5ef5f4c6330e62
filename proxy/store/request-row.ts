// The request log's row as both databases return it (snake_case columns), mapped to the record.
// SQLite hands back its 0/1 integer and JSON text where Postgres has a boolean and jsonb.

import type { AttemptRecord, RequestRecord } from './store';

export interface RequestRow {
  id: string;
  started_at: number;
  client: string | null;
  model: string;
  target: string | null;
  format: string;
  stream: boolean | number;
  status: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  latency_ms: number;
  overhead_ms: number;
  ttfb_ms: number | null;
  error: string | null;
  attempts: string | AttemptRecord[];
}

export function requestRowToRecord(row: RequestRow): RequestRecord {
  return {
    id: row.id,
    startedAt: Number(row.started_at),
    client: row.client,
    model: row.model,
    target: row.target,
    format: row.format,
    stream: row.stream === true || row.stream === 1,
    status: row.status,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    costUsd: row.cost_usd,
    latencyMs: row.latency_ms,
    overheadMs: row.overhead_ms,
    ttfbMs: row.ttfb_ms,
    error: row.error,
    attempts: typeof row.attempts === 'string' ? (JSON.parse(row.attempts) as AttemptRecord[]) : row.attempts,
  };
}
