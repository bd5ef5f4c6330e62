// Postgres queries behind gateway keys, events, budget loads and the dashboard's raw time series.
// Every statement is parameterized and named, so Postgres prepares it once per connection.

import type { Pool } from 'pg';
import {
  StoreConflictError,
  type ApiClientRecord, type EventRecord, type NewEvent, type SpentFilter, type TimeseriesPoint, type TimeseriesQuery,
} from '../store';
import { bucketMs, SERIES_KEY_SQL } from '../timeseries-sql';

interface ApiClientRow {
  name: string;
  key_hash: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  budget: ApiClientRecord['budget'];
  rate_limit: ApiClientRecord['rateLimit'];
  allowed_models: string[] | null;
}

/** `where` for a spend filter on a table with client and target columns; $1, $2 are from, to. */
export function spentWhere(filter: SpentFilter): { sql: string; value?: string } {
  if (filter.client !== undefined) return { sql: 'AND client = $3', value: filter.client };
  // A range on target (not LIKE) so the (target, started_at) index serves it: '0' follows '/'.
  if (filter.provider !== undefined) return { sql: "AND target >= $3 || '/' AND target < $3 || '0'", value: filter.provider };
  return { sql: '' };
}

export class PostgresSpendTables {
  constructor(private readonly pool: Pool) {}

  async spentUsd(filter: SpentFilter): Promise<number> {
    const where = spentWhere(filter);
    const { rows } = await this.pool.query<{ usd: number }>({
      name: `sy-spent-${filter.client !== undefined ? 'client' : filter.provider !== undefined ? 'provider' : 'all'}`,
      text: `SELECT coalesce(sum(cost_usd), 0) AS usd FROM requests WHERE started_at >= $1 AND started_at < $2 ${where.sql}`,
      values: where.value === undefined ? [filter.from, clampTo(filter.to)] : [filter.from, clampTo(filter.to), where.value],
    });
    return rows[0]!.usd;
  }

  async timeseries(query: TimeseriesQuery): Promise<TimeseriesPoint[]> {
    const size = bucketMs(query.bucket);
    // percentile_disc is the nearest-rank percentile, the same rule as the SQLite store's.
    const { rows } = await this.pool.query<TimeseriesPoint>({
      name: `sy-series-${query.bucket}-${query.by ?? 'all'}`,
      text: `SELECT (started_at / ${size}) * ${size} AS t, ${SERIES_KEY_SQL[query.by ?? 'all']} AS key, count(*) AS requests,
        count(*) FILTER (WHERE status < 200 OR status > 299) AS errors, coalesce(sum(cost_usd), 0) AS "costUsd",
        percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS "p50Ms", percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS "p95Ms"
        FROM requests WHERE started_at >= $1 AND started_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
      values: [query.from, clampTo(query.to)],
    });
    return rows;
  }

  async createApiClient(record: ApiClientRecord): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO api_clients (name, key_hash, created_at, expires_at, revoked_at, budget, rate_limit, allowed_models)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)`,
        [record.name, record.keyHash, record.createdAt, record.expiresAt, json(record.budget), json(record.rateLimit), json(record.allowedModels)],
      );
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new StoreConflictError(`a client named "${record.name}" already exists`);
      throw err;
    }
  }

  async listApiClients(): Promise<ApiClientRecord[]> {
    const { rows } = await this.pool.query<ApiClientRow>({ name: 'sy-clients', text: 'SELECT * FROM api_clients WHERE revoked_at IS NULL ORDER BY created_at, id' });
    return rows.map((row) => ({
      name: row.name,
      keyHash: row.key_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      budget: row.budget,
      rateLimit: row.rate_limit,
      allowedModels: row.allowed_models,
    }));
  }

  async revokeApiClient(name: string, at: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE api_clients SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL', [name, at]);
    return (result.rowCount ?? 0) > 0;
  }

  async addEvent(event: NewEvent): Promise<EventRecord | null> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO events (kind, scope, name, percent, message, at, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [event.kind, event.scope, event.name, event.percent, event.message, event.at, event.dedupeKey ?? null],
    );
    if (rows.length === 0) return null;
    const { dedupeKey: _omit, ...rest } = event;
    return { id: rows[0]!.id, ...rest };
  }

  async listEvents(sinceId: number, limit: number): Promise<EventRecord[]> {
    const { rows } = await this.pool.query<EventRecord>({
      name: 'sy-events',
      text: 'SELECT id, kind, scope, name, percent, message, at FROM events WHERE id > $1 ORDER BY id LIMIT $2',
      values: [sinceId, limit],
    });
    return rows;
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Number.MAX_SAFE_INTEGER fits a BIGINT; anything larger (Infinity) is clamped to it. */
export function clampTo(to: number): number {
  return Math.min(to, Number.MAX_SAFE_INTEGER);
}
