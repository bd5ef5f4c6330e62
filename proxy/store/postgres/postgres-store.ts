// The team-mode store: one Postgres database shared by every gateway instance. Request rows are
// queued and written as multi-row inserts every 20 ms, off the request path; a failed batch is
// kept and retried, so a Postgres restart loses no rows (up to MAX_QUEUED).

import { Pool, types } from 'pg';
import type {
  ApiClientRecord, EventRecord, NewEvent, RequestInsight, RequestQuery, RequestRecord, RetentionOptions, RetentionResult, SavingRecord, SpendQuery, SpendRow,
  SpentFilter, Store, TimeseriesPoint, TimeseriesQuery,
} from '../store';
import { PostgresOptimizeTables } from './postgres-optimize-tables';
import { requestRowToRecord, type RequestRow } from '../request-row';
import { splitRange } from '../daily-rollup';
import { mergeSpendRows, sortPoints } from '../rollup-merge';
import { migratePostgres } from './postgres-migrations';
import { PostgresRollups, PG_DAY_KEY } from './postgres-rollups';
import { PostgresSpendTables, clampTo } from './postgres-spend-tables';

const FLUSH_DELAY_MS = 20;
const FLUSH_BATCH = 500;
const RETRY_DELAY_MS = 1000;
/** Rows kept in memory while Postgres is unreachable; beyond this the oldest are dropped (and reported). */
const MAX_QUEUED = 100_000;
const REQUEST_COLUMNS = 19;

const INT8 = 20;
const NUMERIC = 1700;
// Epoch milliseconds and counts fit a double exactly; read them as numbers, not strings.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 || oid === NUMERIC ? Number : types.getTypeParser(oid, format as 'text'))) as typeof types.getTypeParser,
};

const GROUP_EXPR: Record<SpendQuery['by'], string> = {
  client: "coalesce(client, '(none)')",
  target: "coalesce(target, '(none)')",
  model: 'model',
  day: PG_DAY_KEY('started_at'),
  hour: `to_char(to_timestamp(started_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:00')`,
};

export interface PostgresStoreOptions {
  url: string;
  /** Connections per instance (default 10). */
  poolSize?: number;
  /** Told about write failures (the rows are retried) and dropped rows. */
  onError?: (err: unknown, message: string) => void;
}

export class PostgresStore implements Store {
  readonly pool: Pool;
  private queue: RequestRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly spendTables: PostgresSpendTables;
  private readonly rollups: PostgresRollups;
  private readonly optimizeTables: PostgresOptimizeTables;
  private readonly onError: NonNullable<PostgresStoreOptions['onError']>;

  private constructor(options: PostgresStoreOptions) {
    this.pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: TYPES, connectionTimeoutMillis: 10_000 });
    this.onError = options.onError ?? (() => undefined);
    // An idle connection dropped by the server must not crash the process.
    this.pool.on('error', (err) => this.onError(err, 'idle Postgres connection failed'));
    this.spendTables = new PostgresSpendTables(this.pool);
    this.rollups = new PostgresRollups(this.pool);
    this.optimizeTables = new PostgresOptimizeTables(this.pool, this.onError);
  }

  /** Connects and applies pending migrations. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await migratePostgres(store.pool);
    } catch (err) {
      await store.pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  recordRequest(record: RequestRecord): void {
    this.queue.push(record);
    if (this.queue.length >= FLUSH_BATCH) this.startWrite();
    else if (!this.timer) this.timer = setTimeout(() => this.startWrite(), FLUSH_DELAY_MS);
  }

  recordSaving(record: SavingRecord): void {
    this.optimizeTables.recordSaving(record);
  }

  listSavings(query: { limit: number; offset?: number }): Promise<SavingRecord[]> {
    return this.optimizeTables.listSavings(query.limit, query.offset ?? 0);
  }

  totalSavedUsd(): Promise<number> {
    return this.optimizeTables.totalSavedUsd();
  }

  recordInsight(insight: RequestInsight): void {
    this.optimizeTables.recordInsight(insight);
  }

  listInsights(query: { from: number; to: number; limit: number }): Promise<RequestInsight[]> {
    return this.optimizeTables.listInsights(query.from, query.to, query.limit);
  }

  async flush(): Promise<void> {
    this.startWrite();
    await Promise.all([this.writing, this.optimizeTables.flush()]);
    if (this.queue.length > 0) throw new Error(`${this.queue.length} request rows could not be written to Postgres`);
  }

  private startWrite(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const rows = this.queue;
    this.queue = [];
    // Batches are written one after another, so the log keeps arrival order.
    this.writing = this.writing.then(() => this.writeRows(rows));
  }

  private async writeRows(rows: RequestRecord[]): Promise<void> {
    try {
      for (let start = 0; start < rows.length; start += FLUSH_BATCH) await this.insertBatch(rows.slice(start, start + FLUSH_BATCH));
    } catch (err) {
      if (this.closed) {
        this.onError(err, `could not write ${rows.length} request rows to Postgres before closing; they are lost`);
        return;
      }
      this.onError(err, `could not write ${rows.length} request rows to Postgres; retrying`);
      this.queue = [...rows, ...this.queue];
      if (this.queue.length > MAX_QUEUED) {
        const dropped = this.queue.splice(0, this.queue.length - MAX_QUEUED);
        this.onError(err, `dropped ${dropped.length} request rows while Postgres was unreachable`);
      }
      if (!this.timer) this.timer = setTimeout(() => this.startWrite(), RETRY_DELAY_MS);
    }
  }

  private async insertBatch(rows: RequestRecord[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(r.id, r.startedAt, r.client, r.model, r.target, r.format, r.stream, r.status, r.inputTokens, r.outputTokens, r.cachedTokens,
        r.cacheWriteTokens, r.reasoningTokens, r.costUsd, r.latencyMs, r.overheadMs, r.ttfbMs, r.error, JSON.stringify(r.attempts));
      const base = i * REQUEST_COLUMNS;
      return `(${Array.from({ length: REQUEST_COLUMNS }, (_, j) => `$${base + j + 1}`).join(', ')})`;
    });
    // ON CONFLICT: a batch retried after a lost acknowledgement is not written twice.
    await this.pool.query(`INSERT INTO requests (id, started_at, client, model, target, format, stream, status, input_tokens, output_tokens,
      cached_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, overhead_ms, ttfb_ms, error, attempts)
      VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`, values);
  }

  async listRequests(query: RequestQuery): Promise<RequestRecord[]> {
    await this.flushQuietly();
    const where: string[] = [];
    const values: unknown[] = [];
    for (const field of ['client', 'model', 'target'] as const) {
      if (query[field] !== undefined) {
        values.push(query[field]);
        where.push(`${field} = $${values.length}`);
      }
    }
    if (query.status === 'ok') where.push('status BETWEEN 200 AND 299');
    if (query.status === 'error') where.push('status NOT BETWEEN 200 AND 299');
    values.push(query.limit, query.offset ?? 0);
    const { rows } = await this.pool.query<RequestRow>(`SELECT * FROM requests ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY started_at DESC, seq DESC LIMIT $${values.length - 1} OFFSET $${values.length}`, values);
    return rows.map(requestRowToRecord);
  }

  async spend(query: SpendQuery): Promise<SpendRow[]> {
    await this.flushQuietly();
    const from = query.from ?? 0;
    const to = clampTo(query.to ?? Number.MAX_SAFE_INTEGER);
    const split = query.by === 'hour' ? { rollupDays: { fromDay: 0, toDay: 0 }, raw: [{ from, to }] } : splitRange(from, to, await this.rollups.marks());
    const parts = await Promise.all(split.raw.map((range) => this.rawSpend(query, range.from, range.to)));
    const { fromDay, toDay } = split.rollupDays;
    if (toDay > fromDay) parts.push(await this.rollups.spend(query.by, fromDay, toDay, query.client));
    return mergeSpendRows(parts, query.by);
  }

  private async rawSpend(query: SpendQuery, from: number, to: number): Promise<SpendRow[]> {
    const { rows } = await this.pool.query<SpendRow>({
      name: `sy-spend-${query.by}-${query.client !== undefined}`,
      text: `SELECT ${GROUP_EXPR[query.by]} AS key, count(*) AS requests, coalesce(sum(cost_usd), 0) AS "costUsd",
        coalesce(sum(input_tokens), 0) AS "inputTokens", coalesce(sum(output_tokens), 0) AS "outputTokens",
        count(*) FILTER (WHERE cost_usd IS NULL AND target IS NOT NULL) AS "unknownCost"
        FROM requests WHERE started_at >= $1 AND started_at < $2 ${query.client !== undefined ? 'AND client = $3' : ''} GROUP BY 1`,
      values: query.client !== undefined ? [from, to, query.client] : [from, to],
    });
    return rows;
  }

  async spentUsd(filter: SpentFilter): Promise<number> {
    await this.flushQuietly();
    const split = splitRange(filter.from, clampTo(filter.to), await this.rollups.marks());
    const parts = await Promise.all(split.raw.map((range) => this.spendTables.spentUsd({ ...filter, ...range })));
    const { fromDay, toDay } = split.rollupDays;
    if (toDay > fromDay) parts.push(await this.rollups.spentUsd(filter, fromDay, toDay));
    return parts.reduce((a, b) => a + b, 0);
  }

  async timeseries(query: TimeseriesQuery): Promise<TimeseriesPoint[]> {
    await this.flushQuietly();
    if (query.bucket === 'hour') return this.spendTables.timeseries(query);
    const split = splitRange(query.from, clampTo(query.to), await this.rollups.marks());
    const points = (await Promise.all(split.raw.map((range) => this.spendTables.timeseries({ ...query, ...range })))).flat();
    const { fromDay, toDay } = split.rollupDays;
    if (toDay > fromDay) points.push(...(await this.rollups.timeseries(query.by, fromDay, toDay)));
    return sortPoints(points);
  }

  async applyRetention(options: RetentionOptions): Promise<RetentionResult> {
    await this.flushQuietly();
    return this.rollups.applyRetention(options);
  }

  createApiClient(record: ApiClientRecord): Promise<void> {
    return this.spendTables.createApiClient(record);
  }

  listApiClients(): Promise<ApiClientRecord[]> {
    return this.spendTables.listApiClients();
  }

  revokeApiClient(name: string, at: number): Promise<boolean> {
    return this.spendTables.revokeApiClient(name, at);
  }

  addEvent(event: NewEvent): Promise<EventRecord | null> {
    return this.spendTables.addEvent(event);
  }

  listEvents(sinceId: number, limit: number): Promise<EventRecord[]> {
    return this.spendTables.listEvents(sinceId, limit);
  }

  async getSetting(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>({ name: 'sy-get-setting', text: 'SELECT value FROM settings WHERE key = $1', values: [key] });
    return rows[0]?.value;
  }

  async setSetting(key: string, value: string | null): Promise<void> {
    if (value === null) await this.pool.query('DELETE FROM settings WHERE key = $1', [key]);
    else await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async close(): Promise<void> {
    // One last attempt for queued rows; a failure now is reported, not retried.
    this.closed = true;
    this.optimizeTables.closed = true;
    await Promise.all([this.flushQuietly(), this.optimizeTables.flush()]);
    this.optimizeTables.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pool.end();
  }

  /** Reads see this instance's own rows; a write failure is already reported and retried. */
  private async flushQuietly(): Promise<void> {
    this.startWrite();
    await this.writing;
  }
}
