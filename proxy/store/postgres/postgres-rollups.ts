// Postgres daily rollups and retention. One instance at a time runs them (an advisory lock); each
// day is rolled up in its own transaction, delete-then-insert, so a rerun leaves the same rows.

import type { Pool, PoolClient } from 'pg';
import { DAY_MS, RollupBuilder, prunableBefore, rollableBefore, type RawRollupInput, type RollupMarks, type RollupRow } from '../daily-rollup';
import { rollupPoints, type RollupSeriesRow } from '../rollup-merge';
import type { RetentionOptions, RetentionResult, SpendGrouping, SpendRow, SpentFilter, TimeseriesPoint, TimeseriesQuery } from '../store';
import { spentWhere } from './postgres-spend-tables';

const RETENTION_LOCK = 74_200_002;
const HOUR_MS = 3_600_000;
const ROLLUP_COLUMNS = 12;

export const PG_DAY_KEY = (column: string) => `to_char(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

const GROUP_EXPR: Record<SpendGrouping, string> = {
  client: "coalesce(client, '(none)')",
  target: "coalesce(target, '(none)')",
  model: 'model',
  day: PG_DAY_KEY('day'),
  hour: `to_char(to_timestamp(day / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"00:00')`,
};

const SERIES_KEY: Record<NonNullable<TimeseriesQuery['by']> | 'all', string> = {
  model: 'model',
  target: "coalesce(target, '(none)')",
  client: "coalesce(client, '(none)')",
  all: "'all'",
};

export class PostgresRollups {
  constructor(private readonly pool: Pool) {}

  async marks(): Promise<RollupMarks> {
    const { rows } = await this.pool.query<RollupMarks>({
      name: 'sy-marks',
      text: 'SELECT rolled_before AS "rolledBefore", pruned_before AS "prunedBefore" FROM rollup_marks WHERE id = 1',
    });
    return rows[0]!;
  }

  /** Returns zeros when another instance holds the retention lock (it is doing the same work). */
  async applyRetention(options: RetentionOptions): Promise<RetentionResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETENTION_LOCK]);
      if (!rows[0]!.locked) {
        await client.query('ROLLBACK');
        return { rolledDays: 0, prunedRows: 0 };
      }
      const result = await this.rollUpAndPrune(client, options);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async rollUpAndPrune(client: PoolClient, options: RetentionOptions): Promise<RetentionResult> {
    const marks = (await client.query<RollupMarks>('SELECT rolled_before AS "rolledBefore", pruned_before AS "prunedBefore" FROM rollup_marks WHERE id = 1 FOR UPDATE')).rows[0]!;
    const until = rollableBefore(options.now);
    let day = marks.rolledBefore;
    if (day === 0) {
      const first = (await client.query<{ first: number | null }>('SELECT min(started_at) AS first FROM requests')).rows[0]!.first;
      day = first === null ? until : Math.floor(first / DAY_MS) * DAY_MS;
    }
    let rolledDays = 0;
    for (; day < until; day += DAY_MS) {
      const builder = new RollupBuilder();
      // An hour at a time, so a busy day never sits in memory whole.
      for (let hour = day; hour < day + DAY_MS; hour += HOUR_MS) {
        const { rows } = await client.query<RawRollupInput>({
          name: 'sy-rollup-hour',
          text: `SELECT started_at AS "startedAt", client, target, model, status, cost_usd AS "costUsd", input_tokens AS "inputTokens",
            output_tokens AS "outputTokens", latency_ms AS "latencyMs" FROM requests WHERE started_at >= $1 AND started_at < $2`,
          values: [hour, hour + HOUR_MS],
        });
        for (const row of rows) builder.add(row);
      }
      await client.query('DELETE FROM daily_rollups WHERE day = $1', [day]);
      await insertRollups(client, builder.result());
      rolledDays++;
    }
    const rolledBefore = Math.max(marks.rolledBefore, until);
    const pruneBefore = prunableBefore(options.now, options.rawDays, rolledBefore);
    let prunedRows = 0;
    if (pruneBefore > marks.prunedBefore) {
      prunedRows = (await client.query('DELETE FROM requests WHERE started_at < $1', [pruneBefore])).rowCount ?? 0;
      // Insights age out with the rows they describe; the savings ledger is kept whole.
      await client.query('DELETE FROM request_insights WHERE at < $1', [pruneBefore]);
    }
    await client.query('UPDATE rollup_marks SET rolled_before = $1, pruned_before = $2 WHERE id = 1', [rolledBefore, Math.max(marks.prunedBefore, pruneBefore)]);
    return { rolledDays, prunedRows };
  }

  async spend(by: SpendGrouping, fromDay: number, toDay: number, client: string | undefined): Promise<SpendRow[]> {
    const { rows } = await this.pool.query<SpendRow>({
      name: `sy-rollup-spend-${by}-${client !== undefined}`,
      text: `SELECT ${GROUP_EXPR[by]} AS key, sum(requests) AS requests, sum(cost_usd) AS "costUsd", sum(input_tokens) AS "inputTokens",
        sum(output_tokens) AS "outputTokens", sum(unknown_cost) AS "unknownCost"
        FROM daily_rollups WHERE day >= $1 AND day < $2 ${client !== undefined ? 'AND client = $3' : ''} GROUP BY 1`,
      values: client !== undefined ? [fromDay, toDay, client] : [fromDay, toDay],
    });
    return rows;
  }

  async spentUsd(filter: SpentFilter, fromDay: number, toDay: number): Promise<number> {
    const where = spentWhere(filter);
    const { rows } = await this.pool.query<{ usd: number }>({
      name: `sy-rollup-spent-${filter.client !== undefined ? 'client' : filter.provider !== undefined ? 'provider' : 'all'}`,
      text: `SELECT coalesce(sum(cost_usd), 0) AS usd FROM daily_rollups WHERE day >= $1 AND day < $2 ${where.sql}`,
      values: where.value === undefined ? [fromDay, toDay] : [fromDay, toDay, where.value],
    });
    return rows[0]!.usd;
  }

  async timeseries(by: TimeseriesQuery['by'], fromDay: number, toDay: number): Promise<TimeseriesPoint[]> {
    const { rows } = await this.pool.query<RollupSeriesRow>({
      name: `sy-rollup-series-${by ?? 'all'}`,
      text: `SELECT day AS t, ${SERIES_KEY[by ?? 'all']} AS key, requests, errors, cost_usd AS "costUsd", latency_sketch AS sketch
        FROM daily_rollups WHERE day >= $1 AND day < $2`,
      values: [fromDay, toDay],
    });
    return rollupPoints(rows);
  }
}

async function insertRollups(client: PoolClient, rows: RollupRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const values: unknown[] = [];
    const tuples = chunk.map((r, i) => {
      values.push(r.day, r.client, r.target, r.model, r.requests, r.errors, r.costUsd, r.unknownCost, r.inputTokens, r.outputTokens, r.latencyMsSum, JSON.stringify(r.latency));
      return `(${Array.from({ length: ROLLUP_COLUMNS }, (_, j) => `$${i * ROLLUP_COLUMNS + j + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO daily_rollups (day, client, target, model, requests, errors, cost_usd, unknown_cost, input_tokens,
      output_tokens, latency_ms_sum, latency_sketch) VALUES ${tuples.join(', ')}`, values);
  }
}
