// Postgres side of the savings ledger and the advisor's observations: queued and written as
// multi-row inserts off the request path, like request rows. A failed batch is retried once per
// second until the store closes.

import type { Pool } from 'pg';
import type { RequestInsight, SavingRecord } from '../store';

const FLUSH_DELAY_MS = 20;
const FLUSH_BATCH = 500;
const RETRY_DELAY_MS = 1000;
const MAX_QUEUED = 100_000;

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
  private savings: SavingRecord[] = [];
  private insights: RequestInsight[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  closed = false;

  constructor(private readonly pool: Pool, private readonly onError: (err: unknown, message: string) => void) {}

  recordSaving(record: SavingRecord): void {
    this.savings.push(record);
    this.schedule();
  }

  recordInsight(insight: RequestInsight): void {
    this.insights.push(insight);
    this.schedule();
  }

  private schedule(): void {
    if (this.savings.length + this.insights.length >= FLUSH_BATCH) this.startWrite();
    else if (!this.timer) this.timer = setTimeout(() => this.startWrite(), FLUSH_DELAY_MS);
  }

  /** Resolves once everything queued so far was written (or failed and was requeued). */
  async flush(): Promise<void> {
    this.startWrite();
    await this.writing;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private startWrite(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.savings.length === 0 && this.insights.length === 0) return;
    const savings = this.savings;
    const insights = this.insights;
    this.savings = [];
    this.insights = [];
    this.writing = this.writing.then(() => this.write(savings, insights));
  }

  private async write(savings: SavingRecord[], insights: RequestInsight[]): Promise<void> {
    try {
      for (let i = 0; i < savings.length; i += FLUSH_BATCH) await this.insertSavings(savings.slice(i, i + FLUSH_BATCH));
      for (let i = 0; i < insights.length; i += FLUSH_BATCH) await this.insertInsights(insights.slice(i, i + FLUSH_BATCH));
    } catch (err) {
      if (this.closed) return this.onError(err, `could not write ${savings.length} ledger entries and ${insights.length} observations before closing; they are lost`);
      this.onError(err, 'could not write ledger entries to Postgres; retrying');
      // Insights are idempotent (keyed by request); savings may repeat only if the ack was lost.
      this.savings = [...savings, ...this.savings].slice(-MAX_QUEUED);
      this.insights = [...insights, ...this.insights].slice(-MAX_QUEUED);
      if (!this.timer) this.timer = setTimeout(() => this.startWrite(), RETRY_DELAY_MS);
    }
  }

  private async insertSavings(rows: SavingRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((r) => {
      values.push(r.requestId, r.at, r.method, r.baseline, r.actual, r.savedUsd, r.verified, JSON.stringify(r.evidence));
      const base = values.length - 8;
      return `(${Array.from({ length: 8 }, (_, j) => `$${base + j + 1}`).join(', ')})`;
    });
    await this.pool.query(`INSERT INTO savings (request_id, at, method, baseline_usd, actual_usd, saved_usd, verified, evidence) VALUES ${tuples.join(', ')}`, values);
  }

  private async insertInsights(rows: RequestInsight[]): Promise<void> {
    if (rows.length === 0) return;
    // One statement may not upsert a key twice: the last observation of a request wins.
    const latest = [...new Map(rows.map((r) => [r.requestId, r])).values()];
    const values: unknown[] = [];
    const tuples = latest.map((r) => {
      values.push(r.requestId, r.at, JSON.stringify(r));
      return `($${values.length - 2}, $${values.length - 1}, $${values.length})`;
    });
    await this.pool.query(`INSERT INTO request_insights (request_id, at, data) VALUES ${tuples.join(', ')} ON CONFLICT (request_id) DO UPDATE SET at = excluded.at, data = excluded.data`, values);
  }

  async listSavings(limit: number, offset: number): Promise<SavingRecord[]> {
    await this.flush();
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
    await this.flush();
    const { rows } = await this.pool.query<{ usd: number }>('SELECT coalesce(sum(saved_usd), 0) AS usd FROM savings WHERE verified');
    return rows[0]?.usd ?? 0;
  }

  async listInsights(from: number, to: number, limit: number): Promise<RequestInsight[]> {
    await this.flush();
    const { rows } = await this.pool.query<{ data: RequestInsight }>('SELECT data FROM request_insights WHERE at >= $1 AND at < $2 ORDER BY at LIMIT $3', [from, to, limit]);
    return rows.map((row) => row.data);
  }
}
