// Postgres side of the savings ledger and the advisor's observations: the reads. Rows are queued
// and written with the request log's rows (postgres-write-rows.ts), so the store's callers flush first.

import type { Pool } from 'pg';
import type { RequestInsight, SavingRecord } from '../store';

interface SavingRow {
  request_id: string;
  at: number;
  method: SavingRecord['method'];
  baseline_usd: number | null;
  actual_usd: number | null;
  saved_usd: number;
  verified: boolean;
  evidence: Record<string, unknown>;
}

export class PostgresOptimizeTables {
  constructor(private readonly pool: Pool) {}

  async listSavings(limit: number, offset: number): Promise<SavingRecord[]> {
    const { rows } = await this.pool.query<SavingRow>('SELECT * FROM savings ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2', [limit, offset]);
    return rows.map((row) => ({
      requestId: row.request_id,
      at: row.at,
      method: row.method,
      baseline: row.baseline_usd,
      actual: row.actual_usd,
      savedUsd: row.saved_usd,
      verified: row.verified,
      evidence: row.evidence,
    }));
  }

  async totalSavedUsd(): Promise<number> {
    const { rows } = await this.pool.query<{ usd: number }>('SELECT coalesce(sum(saved_usd), 0) AS usd FROM savings WHERE verified');
    return rows[0]?.usd ?? 0;
  }

  async listInsights(from: number, to: number, limit: number): Promise<RequestInsight[]> {
    const { rows } = await this.pool.query<{ data: RequestInsight }>('SELECT data FROM request_insights WHERE at >= $1 AND at < $2 ORDER BY at LIMIT $3', [from, to, limit]);
    return rows.map((row) => row.data);
  }
}
