// SQLite daily rollups and retention: rolls completed days up, prunes old raw rows, and answers the
// rolled-up part of spend, budget and time-series reads.

import type Database from 'better-sqlite3';
import { DAY_MS, RollupBuilder, prunableBefore, rollableBefore, type RawRollupInput, type RollupMarks } from '../daily-rollup';
import { rollupPoints, type RollupSeriesRow } from '../rollup-merge';
import type { RetentionOptions, RetentionResult, SpendGrouping, SpendRow, SpentFilter, TimeseriesPoint, TimeseriesQuery } from '../store';

const GROUP_EXPR: Record<SpendGrouping, string> = {
  client: "coalesce(client, '(none)')",
  target: "coalesce(target, '(none)')",
  model: 'model',
  day: "strftime('%Y-%m-%d', day / 1000, 'unixepoch')",
  // Rollups have no hours; hourly reads never reach them (see splitRange callers).
  hour: "strftime('%Y-%m-%dT00:00', day / 1000, 'unixepoch')",
};

const SERIES_KEY: Record<NonNullable<TimeseriesQuery['by']> | 'all', string> = {
  model: 'model',
  target: "coalesce(target, '(none)')",
  client: "coalesce(client, '(none)')",
  all: "'all'",
};

export class SqliteRollups {
  private readonly selectMarks: Database.Statement;
  private readonly selectDayRows: Database.Statement;
  private readonly writeDay: (day: number, rows: ReturnType<RollupBuilder['result']>) => void;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.selectMarks = db.prepare('SELECT rolled_before AS rolledBefore, pruned_before AS prunedBefore FROM rollup_marks WHERE id = 1');
    this.selectDayRows = db.prepare(`SELECT started_at AS startedAt, client, target, model, status, cost_usd AS costUsd,
      input_tokens AS inputTokens, output_tokens AS outputTokens, latency_ms AS latencyMs FROM requests WHERE started_at >= ? AND started_at < ?`);
    const deleteDay = db.prepare('DELETE FROM daily_rollups WHERE day = ?');
    const insert = db.prepare(`INSERT INTO daily_rollups (day, client, target, model, requests, errors, cost_usd, unknown_cost,
      input_tokens, output_tokens, latency_ms_sum, latency_sketch) VALUES (@day, @client, @target, @model, @requests, @errors,
      @costUsd, @unknownCost, @inputTokens, @outputTokens, @latencyMsSum, @latency)`);
    const mark = db.prepare('UPDATE rollup_marks SET rolled_before = ? WHERE id = 1');
    // Delete-then-insert in one transaction: rolling a day up twice leaves the same rows.
    this.writeDay = db.transaction((day: number, rows) => {
      deleteDay.run(day);
      for (const row of rows) insert.run({ ...row, latency: JSON.stringify(row.latency) });
      mark.run(day + DAY_MS);
    });
  }

  marks(): RollupMarks {
    return this.selectMarks.get() as RollupMarks;
  }

  /** Days to roll up now, oldest first (empty when up to date). */
  pendingDays(now: number): number[] {
    const until = rollableBefore(now);
    let day = this.marks().rolledBefore;
    if (day === 0) {
      const first = (this.db.prepare('SELECT min(started_at) AS first FROM requests').get() as { first: number | null }).first;
      if (first === null || first >= until) {
        // Nothing to roll up yet: start counting from here.
        if (until > 0) this.db.prepare('UPDATE rollup_marks SET rolled_before = ? WHERE id = 1').run(until);
        return [];
      }
      day = Math.floor(first / DAY_MS) * DAY_MS;
    }
    const days: number[] = [];
    for (; day < until; day += DAY_MS) days.push(day);
    return days;
  }

  rollUpDay(day: number): void {
    const builder = new RollupBuilder();
    for (const row of this.selectDayRows.iterate(day, day + DAY_MS) as Iterable<RawRollupInput>) builder.add(row);
    this.writeDay(day, builder.result());
  }

  /** Deletes one day of old raw rows at most; returns rows deleted, or null when nothing is left to prune. */
  pruneStep(options: RetentionOptions): number | null {
    const marks = this.marks();
    const target = prunableBefore(options.now, options.rawDays, marks.rolledBefore);
    if (target <= marks.prunedBefore) return null;
    // A day at a time, so the SQLite file's writer is never held for long.
    let from = marks.prunedBefore;
    if (from === 0) {
      const first = (this.db.prepare('SELECT min(started_at) AS first FROM requests').get() as { first: number | null }).first;
      from = first === null ? target - DAY_MS : Math.floor(first / DAY_MS) * DAY_MS;
    }
    const step = Math.min(target, from + DAY_MS);
    let deleted = 0;
    this.db.transaction(() => {
      deleted = this.db.prepare('DELETE FROM requests WHERE started_at < ?').run(step).changes;
      // The advisor's per-request observations age out with the rows they describe; the savings
      // ledger is kept whole, since its total is the product's running claim.
      this.db.prepare('DELETE FROM request_insights WHERE at < ?').run(step);
      this.db.prepare('UPDATE rollup_marks SET pruned_before = ? WHERE id = 1').run(step);
    })();
    return deleted;
  }

  spend(by: SpendGrouping, fromDay: number, toDay: number, client: string | undefined): SpendRow[] {
    const statement = this.cached(`spend|${by}|${client !== undefined}`, () => `SELECT ${GROUP_EXPR[by]} AS key, sum(requests) AS requests,
      sum(cost_usd) AS costUsd, sum(input_tokens) AS inputTokens, sum(output_tokens) AS outputTokens, sum(unknown_cost) AS unknownCost
      FROM daily_rollups WHERE day >= @fromDay AND day < @toDay ${client !== undefined ? 'AND client = @client' : ''} GROUP BY key`);
    return statement.all({ fromDay, toDay, client }) as SpendRow[];
  }

  spentUsd(filter: SpentFilter, fromDay: number, toDay: number): number {
    const where = filter.client !== undefined ? 'AND client = @client' : filter.provider !== undefined ? "AND target >= @provider || '/' AND target < @provider || '0'" : '';
    const statement = this.cached(`spent|${where}`, () => `SELECT coalesce(sum(cost_usd), 0) AS usd FROM daily_rollups WHERE day >= @fromDay AND day < @toDay ${where}`);
    return (statement.get({ fromDay, toDay, client: filter.client, provider: filter.provider }) as { usd: number }).usd;
  }

  timeseries(by: TimeseriesQuery['by'], fromDay: number, toDay: number): TimeseriesPoint[] {
    const statement = this.cached(`series|${by ?? 'all'}`, () => `SELECT day AS t, ${SERIES_KEY[by ?? 'all']} AS key, requests, errors,
      cost_usd AS costUsd, latency_sketch AS sketch FROM daily_rollups WHERE day >= @fromDay AND day < @toDay`);
    const rows = statement.all({ fromDay, toDay }) as Array<Omit<RollupSeriesRow, 'sketch'> & { sketch: string }>;
    return rollupPoints(rows.map((r) => ({ ...r, sketch: JSON.parse(r.sketch) as Record<string, number> })));
  }

  private cached(id: string, sql: () => string): Database.Statement {
    let statement = this.statements.get(id);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.statements.set(id, statement);
    }
    return statement;
  }
}
