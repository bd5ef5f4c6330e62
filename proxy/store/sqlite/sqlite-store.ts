// The default store: one SQLite file in WAL mode under --data-dir. Rows are queued and written in
// one transaction per batch, so the hot path never waits on SQLite; `flush()` makes the queue
// crash-safe first by appending it to a journal with one write (see row-journal.ts).

import Database from 'better-sqlite3';
import { ensureDir } from '../ensure-dir';
import { join } from 'node:path';
import type {
  ApiClientRecord, EventRecord, NewEvent, RequestInsight, RequestQuery, RequestRecord, RetentionOptions, RetentionResult, SavingRecord, SpendQuery, SpendRow,
  SpentFilter, Store, TimeseriesPoint, TimeseriesQuery,
} from '../store';
import { requestRowToRecord, type RequestRow } from '../request-row';
import { splitRange } from '../daily-rollup';
import { mergeSpendRows, sortPoints } from '../rollup-merge';
import { migrateSqlite } from './migrations';
import { SqliteRollups } from './sqlite-rollups';
import { SqliteSpendTables } from './sqlite-spend-tables';
import { SqliteOptimizeTables, savingValues } from './sqlite-optimize-tables';
import { readJournal, RowJournal } from '../row-journal';

// Large batches amortise SQLite's page writes over many rows; the journal, not these, keeps rows safe.
const WRITE_DELAY_MS = 100;
const WRITE_BATCH = 1000;

export interface SqliteStoreOptions {
  dataDir: string;
  fileName?: string;
  /** A batch SQLite refused (disk full, say); its rows stay in the journal for the next start. */
  onWriteError?: (err: unknown, message: string) => void;
}

// Positional parameters, in the INSERT's column order: binding by name costs an object per row and a
// lookup per column (~1.5 µs of a ~9 µs row). The journal holds the same array.
const requestParams = (r: RequestRecord) => [
  r.id, r.startedAt, r.client, r.model, r.target, r.format, r.stream ? 1 : 0, r.status, r.inputTokens, r.outputTokens, r.cachedTokens,
  r.cacheWriteTokens, r.reasoningTokens, r.costUsd, r.latencyMs, r.overheadMs, r.ttfbMs, r.error, JSON.stringify(r.attempts),
];

const GROUP_EXPR: Record<SpendQuery['by'], string> = {
  client: "coalesce(client, '(none)')",
  target: "coalesce(target, '(none)')",
  model: 'model',
  day: "strftime('%Y-%m-%d', started_at / 1000, 'unixepoch')",
  hour: "strftime('%Y-%m-%dT%H:00', started_at / 1000, 'unixepoch')",
};

export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** Request rows waiting for the next batch, as their INSERT parameters. */
  private queue: unknown[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly insertRequest: Database.Statement;
  private readonly writeQueuedRows: () => void;
  private readonly journal: RowJournal;
  /** Set once a batch failed: the journal then keeps everything until the next start replays it. */
  private journalPinned = false;
  private readonly onWriteError: (err: unknown, message: string) => void;
  private readonly spendStatements = new Map<string, Database.Statement>();
  private readonly spendTables: SqliteSpendTables;
  private readonly optimizeTables: SqliteOptimizeTables;
  private readonly rollups: SqliteRollups;

  constructor(options: SqliteStoreOptions) {
    ensureDir(options.dataDir);
    this.db = new Database(join(options.dataDir, options.fileName ?? 'switchyard.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
    this.spendTables = new SqliteSpendTables(this.db);
    this.optimizeTables = new SqliteOptimizeTables(this.db);
    this.rollups = new SqliteRollups(this.db);
    this.insertRequest = this.db.prepare(`INSERT OR IGNORE INTO requests (id, started_at, client, model, target, format, stream, status,
      input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, overhead_ms, ttfb_ms, error, attempts)
      VALUES (${Array(19).fill('?').join(', ')})`);
    // Request rows and optimisation rows alike: one transaction, one commit.
    this.writeQueuedRows = this.db.transaction(() => {
      for (const row of this.queue) this.insertRequest.run(row);
      this.optimizeTables.writeQueued();
    });
    this.onWriteError = options.onWriteError ?? ((err, message) => process.stderr.write(`${message}: ${(err as Error).message}\n`));
    const journalPath = join(options.dataDir, `${options.fileName ?? 'switchyard.db'}.pending-rows`);
    this.replayJournal(journalPath);
    this.journal = new RowJournal(journalPath);
    this.journal.clear();
  }

  recordRequest(record: RequestRecord): void {
    const row = requestParams(record);
    this.queue.push(row);
    this.journal.addRow('request', row);
    this.scheduleWrite();
  }

  recordSaving(record: SavingRecord): void {
    const row = savingValues(record);
    this.optimizeTables.queueSaving(row);
    this.journal.addRow('saving', row);
    this.scheduleWrite();
  }

  recordInsight(insight: RequestInsight): void {
    const json = JSON.stringify(insight);
    this.optimizeTables.queueInsight(insight, json);
    this.journal.addInsight(json);
    this.scheduleWrite();
  }

  /** Crash-safe from here: everything queued is in the journal (one write, no SQLite commit). */
  async flush(): Promise<void> {
    this.journal.writeAdded();
  }

  async listSavings(query: { limit: number; offset?: number }): Promise<SavingRecord[]> {
    this.writeQueued();
    return this.optimizeTables.listSavings(query.limit, query.offset ?? 0);
  }

  async totalSavedUsd(): Promise<number> {
    this.writeQueued();
    return this.optimizeTables.totalSavedUsd();
  }

  async listInsights(query: { from: number; to: number; limit: number }): Promise<RequestInsight[]> {
    this.writeQueued();
    return this.optimizeTables.listInsights(query.from, query.to, query.limit);
  }

  private scheduleWrite(): void {
    if (this.queue.length + this.optimizeTables.pending() >= WRITE_BATCH) this.writeQueued();
    else if (!this.timer) this.timer = setTimeout(() => this.writeQueued(), WRITE_DELAY_MS);
  }

  /** Moves every queued row into SQLite (reads call this first, so they see every recorded row). */
  private writeQueued(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 && this.optimizeTables.pending() === 0) return;
    try {
      this.writeQueuedRows();
      if (!this.journalPinned) this.journal.clear();
    } catch (err) {
      this.journal.writeAdded();
      this.journalPinned = true;
      this.onWriteError(err, 'could not write request rows to SQLite; they stay in the journal for the next start');
      this.optimizeTables.clearQueued();
    }
    this.queue = [];
  }

  /** Rows a crash left in the journal: written unless already committed, then the journal starts over. */
  private replayJournal(path: string): void {
    const { entries, unreadable } = readJournal(path);
    let refused = 0;
    this.db.transaction(() => {
      for (const entry of entries) {
        try {
          if (entry.kind === 'insight') this.optimizeTables.replayInsight(entry.record);
          else if (entry.kind === 'request') this.insertRequest.run('row' in entry ? entry.row : requestParams(entry.record));
          else this.optimizeTables.replaySaving('row' in entry ? entry.row : savingValues(entry.record));
        } catch (err) {
          refused++;
          this.onWriteError(err, 'a journalled row could not be replayed');
        }
      }
    })();
    if (unreadable + refused > 0) this.onWriteError(new Error(`${unreadable} unreadable and ${refused} refused of ${entries.length + unreadable} journalled rows`), 'journal replay');
  }

  async listRequests(query: RequestQuery): Promise<RequestRecord[]> {
    this.writeQueued();
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit, offset: query.offset ?? 0 };
    for (const field of ['client', 'model', 'target'] as const) {
      if (query[field] !== undefined) {
        where.push(`${field} = @${field}`);
        params[field] = query[field];
      }
    }
    if (query.status === 'ok') where.push('status BETWEEN 200 AND 299');
    if (query.status === 'error') where.push('status NOT BETWEEN 200 AND 299');
    const sql = `SELECT * FROM requests ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY started_at DESC, rowid DESC LIMIT @limit OFFSET @offset`;
    return (this.db.prepare(sql).all(params) as RequestRow[]).map(requestRowToRecord);
  }

  async spend(query: SpendQuery): Promise<SpendRow[]> {
    this.writeQueued();
    const from = query.from ?? 0;
    const to = query.to ?? Number.MAX_SAFE_INTEGER;
    // Hours exist only in raw rows; everything else reads rolled-up days from the rollups.
    const split = query.by === 'hour' ? { rollupDays: { fromDay: 0, toDay: 0 }, raw: [{ from, to }] } : splitRange(from, to, this.rollups.marks());
    const parts = split.raw.map((range) => this.rawSpend(query, range.from, range.to));
    const { fromDay, toDay } = split.rollupDays;
    if (toDay > fromDay) parts.push(this.rollups.spend(query.by, fromDay, toDay, query.client));
    return mergeSpendRows(parts, query.by);
  }

  private rawSpend(query: SpendQuery, from: number, to: number): SpendRow[] {
    const where = ['started_at >= @from', 'started_at < @to'];
    if (query.client !== undefined) where.push('client = @client');
    const cacheKey = `${query.by}|${query.client !== undefined}`;
    let statement = this.spendStatements.get(cacheKey);
    if (!statement) {
      const group = GROUP_EXPR[query.by];
      statement = this.db.prepare(`SELECT ${group} AS key, count(*) AS requests, coalesce(sum(cost_usd), 0) AS costUsd,
        coalesce(sum(input_tokens), 0) AS inputTokens, coalesce(sum(output_tokens), 0) AS outputTokens,
        sum(CASE WHEN cost_usd IS NULL AND target IS NOT NULL THEN 1 ELSE 0 END) AS unknownCost
        FROM requests WHERE ${where.join(' AND ')} GROUP BY key`);
      this.spendStatements.set(cacheKey, statement);
    }
    return statement.all({ from, to, client: query.client }) as SpendRow[];
  }

  async spentUsd(filter: SpentFilter): Promise<number> {
    this.writeQueued();
    const split = splitRange(filter.from, filter.to, this.rollups.marks());
    let usd = 0;
    for (const range of split.raw) usd += this.spendTables.spentUsd({ ...filter, ...range });
    const { fromDay, toDay } = split.rollupDays;
    if (toDay > fromDay) usd += this.rollups.spentUsd(filter, fromDay, toDay);
    return usd;
  }

  async timeseries(query: TimeseriesQuery): Promise<TimeseriesPoint[]> {
    this.writeQueued();
    if (query.bucket === 'hour') return this.spendTables.timeseries(query);
    const split = splitRange(query.from, query.to, this.rollups.marks());
    const points = split.raw.flatMap((range) => this.spendTables.timeseries({ ...query, ...range }));
    const { fromDay, toDay } = split.rollupDays;
    if (toDay > fromDay) points.push(...this.rollups.timeseries(query.by, fromDay, toDay));
    return sortPoints(points);
  }

  /** One day per step, yielding between steps: SQLite is synchronous, and requests keep flowing. */
  async applyRetention(options: RetentionOptions): Promise<RetentionResult> {
    this.writeQueued();
    const result: RetentionResult = { rolledDays: 0, prunedRows: 0 };
    for (const day of this.rollups.pendingDays(options.now)) {
      this.writeQueued();
      this.rollups.rollUpDay(day);
      result.rolledDays++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (let deleted = this.rollups.pruneStep(options); deleted !== null; deleted = this.rollups.pruneStep(options)) {
      result.prunedRows += deleted;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  }

  async createApiClient(record: ApiClientRecord): Promise<void> {
    this.spendTables.createApiClient(record);
  }

  async listApiClients(): Promise<ApiClientRecord[]> {
    return this.spendTables.listApiClients();
  }

  async revokeApiClient(name: string, at: number): Promise<boolean> {
    return this.spendTables.revokeApiClient(name, at);
  }

  async addEvent(event: NewEvent): Promise<EventRecord | null> {
    return this.spendTables.addEvent(event);
  }

  async listEvents(sinceId: number, limit: number): Promise<EventRecord[]> {
    return this.spendTables.listEvents(sinceId, limit);
  }

  async getSetting(key: string): Promise<string | undefined> {
    return this.readSetting(key);
  }

  async setSetting(key: string, value: string | null): Promise<void> {
    this.writeSetting(key, value);
  }

  async updateSetting(key: string, change: (current: string | undefined) => string | null): Promise<string | null> {
    // Synchronous from read to write, so nothing in this process comes between; the immediate
    // transaction keeps out another process that opened the same file.
    return this.db.transaction(() => {
      const next = change(this.readSetting(key));
      this.writeSetting(key, next);
      return next;
    }).immediate();
  }

  private readSetting(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  private writeSetting(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async close(): Promise<void> {
    this.writeQueued();
    this.journal.close();
    this.db.close();
  }
}
