// The team-mode store: one Postgres database shared by every gateway instance. Rows are queued and
// written as multi-row inserts every 20 ms, off the request path. While Postgres is unreachable,
// rows go to a journal under the data dir instead (postgres-outage-journal.ts): responses are not
// held up, memory stays flat, and a stop or crash of this process loses nothing; once Postgres
// answers again (checked each second) or at the next start, the journal is written to it.

import { Pool, types } from 'pg';
import type {
  ApiClientRecord, EventRecord, NewEvent, RequestInsight, RequestQuery, RequestRecord, RetentionOptions, RetentionResult, SavingRecord, SpendQuery, SpendRow,
  SpentFilter, Store, TimeseriesPoint, TimeseriesQuery,
} from '../store';
import { StoreUnavailableError } from '../store';
import { isPostgresUnreachable } from './postgres-unreachable';
import { within } from './within';
import { RowJournal } from '../row-journal';
import { PostgresOptimizeTables } from './postgres-optimize-tables';
import { OutageJournal } from './postgres-outage-journal';
import { writePendingEntries, writePendingEntriesAtomically, type PendingEntry } from './postgres-write-rows';
import { requestRowToRecord, type RequestRow } from '../request-row';
import { splitRange } from '../daily-rollup';
import { mergeSpendRows, sortPoints } from '../rollup-merge';
import { migratePostgres } from './postgres-migrations';
import { PostgresRollups, PG_DAY_KEY } from './postgres-rollups';
import { PostgresSpendTables, clampTo } from './postgres-spend-tables';

const FLUSH_DELAY_MS = 20;
const FLUSH_BATCH = 500;
const RETRY_DELAY_MS = 1000;
/** An outage is reported when it starts and ends, and at most this often in between. */
const OUTAGE_REPORT_MS = 60_000;
/** The longest a response waits for its row; past it the batch goes to the journal (see within.ts). */
const WRITE_DEADLINE_MS = 2000;
/** The longest a read (a budget load, an admin call) waits before it fails as "unreachable". */
const READ_DEADLINE_MS = 10_000;
/** Each of shutdown's last replay and the pool's close gets this long from a Postgres that does not answer. */
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
  private queue: PendingEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Postgres failed a write: rows go to the journal until a replay of it succeeds. */
  private down = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private dropped = 0;
  private lastReport = 0;
  private readonly journal: OutageJournal;
  /** Rows Postgres refused, opened on the first one. */
  private rejected: RowJournal | undefined;
  private readonly rejectedPath: string;
  private readonly spendTables: PostgresSpendTables;
  private readonly rollups: PostgresRollups;
  private readonly optimizeTables: PostgresOptimizeTables;
  private readonly onError: NonNullable<PostgresStoreOptions['onError']>;
  private readonly onRecovered: NonNullable<PostgresStoreOptions['onRecovered']>;

  private constructor(options: PostgresStoreOptions) {
    this.pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: TYPES, connectionTimeoutMillis: 10_000, query_timeout: QUERY_TIMEOUT_MS });
    this.onError = options.onError ?? (() => undefined);
    this.onRecovered = options.onRecovered ?? (() => undefined);
    // An idle connection dropped by the server must not crash the process.
    this.pool.on('error', (err) => this.onError(err, 'idle Postgres connection failed'));
    this.journal = new OutageJournal(options.journalPath);
    this.rejectedPath = `${options.journalPath}.rejected`;
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
      store.journal.close();
      await store.pool.end().catch(() => undefined);
      throw err;
    }
    if (!store.journal.isEmpty) {
      store.down = true;
      await store.recover();
    }
    return store;
  }

  recordRequest(record: RequestRecord): void {
    this.enqueue({ kind: 'request', record });
  }

  recordSaving(record: SavingRecord): void {
    this.enqueue({ kind: 'saving', record });
  }

  recordInsight(insight: RequestInsight): void {
    this.enqueue({ kind: 'insight', record: insight });
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

  /** Resolves once everything queued is in Postgres or, while it is unreachable, in the journal. */
  async flush(): Promise<void> {
    this.startWrite();
    await this.writing;
  }

  private enqueue(entry: PendingEntry): void {
    this.queue.push(entry);
    if (this.queue.length >= FLUSH_BATCH) this.startWrite();
    else if (!this.timer) this.timer = setTimeout(() => this.startWrite(), FLUSH_DELAY_MS);
  }

  private startWrite(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const entries = this.queue;
    this.queue = [];
    // During an outage nothing waits on Postgres: one append to the journal and done.
    if (this.down) return this.keep(entries);
    // Batches are written one after another, so the log keeps arrival order.
    this.writing = this.writing.then(() => this.write(entries));
  }

  private async write(entries: PendingEntry[]): Promise<void> {
    if (this.down) return this.keep(entries);
    try {
      // A batch that misses the deadline but lands later is not written twice from the journal
      // (request rows and observations are keyed); only a ledger entry in it could repeat.
      await within(WRITE_DEADLINE_MS, 'Postgres', writePendingEntries(this.pool, entries));
    } catch (err) {
      if (isPostgresUnreachable(err)) return this.enterOutage(err, entries);
      // Postgres answered "no" to a row in the batch: the other rows must not share its fate.
      try {
        await this.writeSeparately(entries);
      } catch (separateErr) {
        this.enterOutage(separateErr, entries);
      }
    }
  }

  private enterOutage(err: unknown, entries: PendingEntry[]): void {
    if (!this.down) {
      this.down = true;
      this.lastReport = Date.now();
      this.onError(err, `Postgres is unreachable; request rows are kept in ${this.journal.path} and written once it answers again`);
    }
    this.keep(entries);
    this.scheduleRecovery();
  }

  /**
   * Row by row; a row Postgres refuses (a value its column cannot hold) is set aside in the
   * rejected file for an operator, never retried. Throws when Postgres stops answering meanwhile.
   */
  private async writeSeparately(entries: Iterable<PendingEntry>): Promise<void> {
    const refused: PendingEntry[] = [];
    let refusal: unknown;
    for (const entry of entries) {
      try {
        await within(WRITE_DEADLINE_MS, 'Postgres', writePendingEntries(this.pool, [entry]));
      } catch (err) {
        if (isPostgresUnreachable(err)) throw err;
        refused.push(entry);
        refusal = err;
      }
    }
    if (refused.length === 0) return;
    this.rejected ??= new RowJournal(this.rejectedPath);
    for (const entry of refused) this.rejected.addRecord(entry.kind, entry.record);
    this.rejected.writeAdded();
    this.onError(refusal, `Postgres refused ${refused.length} rows; they are set aside in ${this.rejectedPath} and not retried`);
  }

  /** The journal, in one transaction per file; a file holding a row Postgres refuses is written row by row. */
  private async replayJournal(): Promise<{ written: number; unreadable: number }> {
    try {
      return await this.journal.replay((chunks) => writePendingEntriesAtomically(this.pool, chunks));
    } catch (err) {
      if (isPostgresUnreachable(err)) throw err;
      return this.journal.replay(async (chunks) => {
        for await (const chunk of chunks) await this.writeSeparately(chunk);
      });
    }
  }

  private keep(entries: PendingEntry[]): void {
    const dropped = this.journal.keep(entries);
    if (dropped === 0) return;
    this.dropped += dropped;
    this.report(`Postgres is unreachable and the journal holds its limit of rows: ${this.dropped} rows dropped so far`);
  }

  /** A long outage is reported once a minute, with the rows it holds, not once per request. */
  private report(message: string): void {
    const now = Date.now();
    if (now - this.lastReport < OUTAGE_REPORT_MS) return;
    this.lastReport = now;
    this.onError(undefined, message);
  }

  private scheduleRecovery(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.recover();
    }, RETRY_DELAY_MS);
  }

  /** Writes the journal to Postgres; on success rows go straight to Postgres again. */
  private recover(): Promise<void> {
    return (this.recovering ??= (async () => {
      try {
        let written = 0;
        for (;;) {
          const result = await this.replayJournal();
          written += result.written;
          if (result.unreadable > 0) this.onError(undefined, `${result.unreadable} journal lines in ${this.journal.path} could not be read back and were skipped`);
          // The check and the switch are one synchronous step: no row can slip into the journal between them.
          if (this.journal.isEmpty) {
            this.down = false;
            break;
          }
        }
        this.onRecovered(`Postgres answers again: wrote ${written} rows kept in ${this.journal.path}${this.dropped > 0 ? `; ${this.dropped} rows were dropped` : ''}`);
        this.dropped = 0;
      } catch (err) {
        this.report(`Postgres is still unreachable: ${this.journal.size} rows are kept in ${this.journal.path} (${(err as Error).message})`);
        this.scheduleRecovery();
      } finally {
        this.recovering = undefined;
      }
    })());
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

  async close(): Promise<void> {
    // A last write; whatever Postgres does not take now stays in the journal for the next start.
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.flush();
    // Postgres may be back since the last attempt: one more before keeping the rows for the next start.
    if (this.down) await within(SHUTDOWN_STEP_MS, 'Postgres', this.recover()).catch(() => undefined);
    if (this.down) {
      this.startWrite();
      if (!this.journal.isEmpty) {
        this.onError(undefined, `Postgres is unreachable at shutdown: ${this.journal.size} rows are kept in ${this.journal.path} and written at the next start${this.dropped > 0 ? `; ${this.dropped} rows were dropped` : ''}`);
      }
    }
    this.journal.close();
    this.rejected?.close();
    // Connections to a server that stopped answering never close cleanly; the process exits anyway.
    await within(SHUTDOWN_STEP_MS, 'Postgres', this.pool.end()).catch(() => undefined);
  }
}
