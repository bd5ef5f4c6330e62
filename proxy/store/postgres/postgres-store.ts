// The team-mode store: one Postgres database shared by every gateway instance. Rows are queued and
// written off the request path by postgres-row-writer.ts, which keeps them in a journal under the
// data dir while Postgres is unreachable; reads that cannot reach Postgres fail as
// StoreUnavailableError within a deadline.

import { Pool, types } from 'pg';
import type {
  ApiClientRecord, EventRecord, NewEvent, RequestInsight, RequestQuery, RequestRecord, RetentionOptions, RetentionResult, SavingRecord, SpendQuery, SpendRow,
  SpentFilter, Store, StoreBacklog, TimeseriesPoint, TimeseriesQuery,
} from '../store';
import { StoreUnavailableError } from '../store';
import { isPostgresUnreachable } from './postgres-unreachable';
import { within } from '../../within';
import { PostgresOptimizeTables } from './postgres-optimize-tables';
import { PostgresRowWriter } from './postgres-row-writer';
import { requestRowToRecord, type RequestRow } from '../request-row';
import { splitRange } from '../daily-rollup';
import { mergeSpendRows, sortPoints } from '../rollup-merge';
import { migratePostgres } from './postgres-migrations';
import { PostgresRollups, PG_DAY_KEY } from './postgres-rollups';
import { PostgresSpendTables, clampTo } from './postgres-spend-tables';
import { updatePostgresSetting } from './postgres-update-setting';

/** The longest a read (a budget load, an admin call) waits before it fails as "unreachable" (see within.ts). */
const READ_DEADLINE_MS = 10_000;
/** The pool's close gets this long from a Postgres that does not answer. */
const SHUTDOWN_STEP_MS = 2000;
/** A query abandoned at a deadline frees its connection after this long (retention's rollups included). */
const QUERY_TIMEOUT_MS = 60_000;

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
  /** Where rows are kept while Postgres is unreachable (a file under the data dir). */
  journalPath: string;
  /** Connections per instance (default 10). */
  poolSize?: number;
  /** Told when Postgres becomes unreachable (rows kept in the journal) and about dropped rows. */
  onError?: (err: unknown, message: string) => void;
  /** Told when Postgres answers again and the journal was written. */
  onRecovered?: (message: string) => void;
}

export class PostgresStore implements Store {
  readonly pool: Pool;
  private readonly rows: PostgresRowWriter;
  private readonly spendTables: PostgresSpendTables;
  private readonly rollups: PostgresRollups;
  private readonly optimizeTables: PostgresOptimizeTables;

  private constructor(options: PostgresStoreOptions) {
    this.pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: TYPES, connectionTimeoutMillis: 10_000, query_timeout: QUERY_TIMEOUT_MS });
    const onError = options.onError ?? (() => undefined);
    // An idle connection dropped by the server must not crash the process.
    this.pool.on('error', (err) => onError(err, 'idle Postgres connection failed'));
    this.rows = new PostgresRowWriter(this.pool, { journalPath: options.journalPath, onError, onRecovered: options.onRecovered ?? (() => undefined) });
    this.spendTables = new PostgresSpendTables(this.pool);
    this.rollups = new PostgresRollups(this.pool);
    this.optimizeTables = new PostgresOptimizeTables(this.pool);
  }

  /** Connects, applies pending migrations and writes the rows an earlier run kept in the journal. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await migratePostgres(store.pool);
    } catch (err) {
      store.rows.abandon();
      await store.pool.end().catch(() => undefined);
      throw err;
    }
    await store.rows.replayLeftovers();
    return store;
  }

  recordRequest(record: RequestRecord): void {
    this.rows.enqueue({ kind: 'request', record });
  }

  recordSaving(record: SavingRecord): void {
    this.rows.enqueue({ kind: 'saving', record });
  }

  recordInsight(insight: RequestInsight): void {
    this.rows.enqueue({ kind: 'insight', record: insight });
  }

  listSavings(query: { limit: number; offset?: number }): Promise<SavingRecord[]> {
    return this.reach(async () => {
      await this.flush();
      return this.optimizeTables.listSavings(query.limit, query.offset ?? 0);
    });
  }

  totalSavedUsd(): Promise<number> {
    return this.reach(async () => {
      await this.flush();
      return this.optimizeTables.totalSavedUsd();
    });
  }

  listInsights(query: { from: number; to: number; limit: number }): Promise<RequestInsight[]> {
    return this.reach(async () => {
      await this.flush();
      return this.optimizeTables.listInsights(query.from, query.to, query.limit);
    });
  }

  /** A read or admin write: Postgres not answering becomes StoreUnavailableError, whatever the query. */
  private async reach<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await within(READ_DEADLINE_MS, 'Postgres', work());
    } catch (err) {
      throw isPostgresUnreachable(err) ? new StoreUnavailableError('Postgres', err) : err;
    }
  }

  backlog(): StoreBacklog {
    return this.rows.backlog();
  }

  /** Resolves once everything queued is in Postgres or, while it is unreachable, in the journal. */
  flush(): Promise<void> {
    return this.rows.flush();
  }

  listRequests(query: RequestQuery): Promise<RequestRecord[]> {
    return this.reach(async () => {
      await this.flush();
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
    });
  }

  spend(query: SpendQuery): Promise<SpendRow[]> {
    return this.reach(async () => {
      await this.flush();
      const from = query.from ?? 0;
      const to = clampTo(query.to ?? Number.MAX_SAFE_INTEGER);
      const split = query.by === 'hour' ? { rollupDays: { fromDay: 0, toDay: 0 }, raw: [{ from, to }] } : splitRange(from, to, await this.rollups.marks());
      const parts = await Promise.all(split.raw.map((range) => this.rawSpend(query, range.from, range.to)));
      const { fromDay, toDay } = split.rollupDays;
      if (toDay > fromDay) parts.push(await this.rollups.spend(query.by, fromDay, toDay, query.client));
      return mergeSpendRows(parts, query.by);
    });
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

  spentUsd(filter: SpentFilter): Promise<number> {
    return this.reach(async () => {
      await this.flush();
      const split = splitRange(filter.from, clampTo(filter.to), await this.rollups.marks());
      const parts = await Promise.all(split.raw.map((range) => this.spendTables.spentUsd({ ...filter, ...range })));
      const { fromDay, toDay } = split.rollupDays;
      if (toDay > fromDay) parts.push(await this.rollups.spentUsd(filter, fromDay, toDay));
      return parts.reduce((a, b) => a + b, 0);
    });
  }

  timeseries(query: TimeseriesQuery): Promise<TimeseriesPoint[]> {
    return this.reach(async () => {
      await this.flush();
      if (query.bucket === 'hour') return this.spendTables.timeseries(query);
      const split = splitRange(query.from, clampTo(query.to), await this.rollups.marks());
      const points = (await Promise.all(split.raw.map((range) => this.spendTables.timeseries({ ...query, ...range })))).flat();
      const { fromDay, toDay } = split.rollupDays;
      if (toDay > fromDay) points.push(...(await this.rollups.timeseries(query.by, fromDay, toDay)));
      return sortPoints(points);
    });
  }

  applyRetention(options: RetentionOptions): Promise<RetentionResult> {
    return this.reach(async () => {
      await this.flush();
      return this.rollups.applyRetention(options);
    });
  }

  createApiClient(record: ApiClientRecord): Promise<void> {
    return this.reach(() => this.spendTables.createApiClient(record));
  }

  listApiClients(): Promise<ApiClientRecord[]> {
    return this.reach(() => this.spendTables.listApiClients());
  }

  revokeApiClient(name: string, at: number): Promise<boolean> {
    return this.reach(() => this.spendTables.revokeApiClient(name, at));
  }

  addEvent(event: NewEvent): Promise<EventRecord | null> {
    return this.reach(() => this.spendTables.addEvent(event));
  }

  listEvents(sinceId: number, limit: number): Promise<EventRecord[]> {
    return this.reach(() => this.spendTables.listEvents(sinceId, limit));
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.reach(async () => {
      const { rows } = await this.pool.query<{ value: string }>({ name: 'sy-get-setting', text: 'SELECT value FROM settings WHERE key = $1', values: [key] });
      return rows[0]?.value;
    });
  }

  setSetting(key: string, value: string | null): Promise<void> {
    return this.reach(async () => {
      if (value === null) await this.pool.query('DELETE FROM settings WHERE key = $1', [key]);
      else await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    });
  }

  updateSetting(key: string, change: (current: string | undefined) => string | null): Promise<string | null> {
    return this.reach(() => updatePostgresSetting(this.pool, key, change));
  }

  async close(): Promise<void> {
    await this.rows.close();
    // Connections to a server that stopped answering never close cleanly; the process exits anyway.
    await within(SHUTDOWN_STEP_MS, 'Postgres', this.pool.end()).catch(() => undefined);
  }
}
