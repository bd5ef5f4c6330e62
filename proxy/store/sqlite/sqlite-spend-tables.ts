// SQLite queries behind budgets, gateway keys, events and the dashboard's time series.
// Statements are prepared once; callers flush queued request rows before the spend reads.

import type Database from 'better-sqlite3';
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
  budget: string | null;
  rate_limit: string | null;
  allowed_models: string | null;
}

export class SqliteSpendTables {
  private readonly spentAll: Database.Statement;
  private readonly spentByClient: Database.Statement;
  private readonly spentByProvider: Database.Statement;
  private readonly insertClient: Database.Statement;
  private readonly selectClients: Database.Statement;
  private readonly revokeClient: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly selectEvents: Database.Statement;
  private readonly series = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    const sum = 'SELECT coalesce(sum(cost_usd), 0) AS usd FROM requests WHERE started_at >= @from AND started_at < @to';
    this.spentAll = db.prepare(sum);
    this.spentByClient = db.prepare(`${sum} AND client = @client`);
    // A range on target (not LIKE) so the (target, started_at) index serves it: '0' follows '/'.
    this.spentByProvider = db.prepare(`${sum} AND target >= @provider || '/' AND target < @provider || '0'`);
    this.insertClient = db.prepare(`INSERT INTO api_clients (name, key_hash, created_at, expires_at, revoked_at, budget, rate_limit, allowed_models)
      VALUES (@name, @keyHash, @createdAt, @expiresAt, NULL, @budget, @rateLimit, @allowedModels)`);
    this.selectClients = db.prepare('SELECT * FROM api_clients WHERE revoked_at IS NULL ORDER BY created_at, id');
    this.revokeClient = db.prepare('UPDATE api_clients SET revoked_at = @at WHERE name = @name AND revoked_at IS NULL');
    this.insertEvent = db.prepare(`INSERT INTO events (kind, scope, name, percent, message, at, dedupe_key)
      VALUES (@kind, @scope, @name, @percent, @message, @at, @dedupeKey) ON CONFLICT (dedupe_key) DO NOTHING`);
    this.selectEvents = db.prepare('SELECT id, kind, scope, name, percent, message, at FROM events WHERE id > @since ORDER BY id LIMIT @limit');
  }

  spentUsd(filter: SpentFilter): number {
    const params = { from: filter.from, to: filter.to, client: filter.client, provider: filter.provider };
    const statement = filter.client !== undefined ? this.spentByClient : filter.provider !== undefined ? this.spentByProvider : this.spentAll;
    return (statement.get(params) as { usd: number }).usd;
  }

  timeseries(query: TimeseriesQuery): TimeseriesPoint[] {
    const cacheKey = `${query.bucket}|${query.by ?? 'all'}`;
    let statement = this.series.get(cacheKey);
    if (!statement) {
      const size = bucketMs(query.bucket);
      statement = this.db.prepare(`SELECT (started_at / ${size}) * ${size} AS t, ${SERIES_KEY_SQL[query.by ?? 'all']} AS key,
        status, cost_usd AS cost, latency_ms AS latency
        FROM requests WHERE started_at >= @from AND started_at < @to ORDER BY t, key, latency_ms`);
      this.series.set(cacheKey, statement);
    }
    const points: TimeseriesPoint[] = [];
    let latencies: number[] = [];
    let current: TimeseriesPoint | undefined;
    const close = () => {
      if (!current) return;
      current.p50Ms = percentile(latencies, 0.5);
      current.p95Ms = percentile(latencies, 0.95);
      points.push(current);
    };
    // Rows arrive sorted by bucket, key and latency, so percentiles are read off each run in one pass.
    for (const row of statement.iterate({ from: query.from, to: query.to }) as Iterable<{ t: number; key: string; status: number; cost: number | null; latency: number }>) {
      if (!current || current.t !== row.t || current.key !== row.key) {
        close();
        current = { t: row.t, key: row.key, requests: 0, errors: 0, costUsd: 0, p50Ms: null, p95Ms: null };
        latencies = [];
      }
      current.requests++;
      if (row.status < 200 || row.status > 299) current.errors++;
      current.costUsd += row.cost ?? 0;
      latencies.push(row.latency);
    }
    close();
    return points;
  }

  createApiClient(record: ApiClientRecord): void {
    try {
      this.insertClient.run({
        name: record.name,
        keyHash: record.keyHash,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        budget: record.budget ? JSON.stringify(record.budget) : null,
        rateLimit: record.rateLimit ? JSON.stringify(record.rateLimit) : null,
        allowedModels: record.allowedModels ? JSON.stringify(record.allowedModels) : null,
      });
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new StoreConflictError(`a client named "${record.name}" already exists`);
      throw err;
    }
  }

  listApiClients(): ApiClientRecord[] {
    return (this.selectClients.all() as ApiClientRow[]).map((row) => ({
      name: row.name,
      keyHash: row.key_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      budget: row.budget ? JSON.parse(row.budget) : null,
      rateLimit: row.rate_limit ? JSON.parse(row.rate_limit) : null,
      allowedModels: row.allowed_models ? JSON.parse(row.allowed_models) : null,
    }));
  }

  revokeApiClient(name: string, at: number): boolean {
    return this.revokeClient.run({ name, at }).changes > 0;
  }

  addEvent(event: NewEvent): EventRecord | null {
    const result = this.insertEvent.run({ ...event, dedupeKey: event.dedupeKey ?? null });
    if (result.changes === 0) return null;
    const { dedupeKey: _omit, ...rest } = event;
    return { id: Number(result.lastInsertRowid), ...rest };
  }

  listEvents(sinceId: number, limit: number): EventRecord[] {
    return this.selectEvents.all({ since: sinceId, limit }) as EventRecord[];
  }
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
