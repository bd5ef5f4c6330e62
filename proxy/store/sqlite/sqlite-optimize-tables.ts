// SQLite side of the savings ledger and the advisor's observations. Rows are queued here and
// written by the store in the same transaction as request rows (see sqlite-store.ts).

import type Database from 'better-sqlite3';
import type { RequestInsight, SavingRecord } from '../store';

interface SavingRow {
  request_id: string;
  at: number;
  method: SavingRecord['method'];
  baseline_usd: number | null;
  actual_usd: number | null;
  saved_usd: number;
  verified: number;
  evidence: string;
}

// Bound by position (no object per row), in the INSERTs' column order; the store's journal holds the same array.
export const savingValues = (s: SavingRecord) => [s.requestId, s.at, s.method, s.baseline, s.actual, s.savedUsd, s.verified ? 1 : 0, JSON.stringify(s.evidence)];

export class SqliteOptimizeTables {
  /** Savings waiting for the next batch, as their INSERT parameters (see `savingValues`). */
  private savings: unknown[][] = [];
  /** Each insight with its JSON (serialised once, for the journal and for this table). */
  private insights: Array<{ insight: RequestInsight; json: string }> = [];
  private readonly insertSaving: Database.Statement;
  private readonly insertInsight: Database.Statement;
  private readonly insertSavingOnce: Database.Statement;
  private readonly selectSavings: Database.Statement;
  private readonly sumSavings: Database.Statement;
  private readonly selectInsights: Database.Statement;

  constructor(db: Database.Database) {
    this.insertSaving = db.prepare(`INSERT INTO savings (request_id, at, method, baseline_usd, actual_usd, saved_usd, verified, evidence)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    // Replaying a journal may meet a saving that was committed just before the crash.
    this.insertSavingOnce = db.prepare(`INSERT INTO savings (request_id, at, method, baseline_usd, actual_usd, saved_usd, verified, evidence)
      SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM savings WHERE request_id = ? AND method = ?)`);
    this.insertInsight = db.prepare('INSERT OR REPLACE INTO request_insights (request_id, at, data) VALUES (?, ?, ?)');
    this.selectSavings = db.prepare('SELECT * FROM savings ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset');
    this.sumSavings = db.prepare('SELECT coalesce(sum(saved_usd), 0) AS usd FROM savings WHERE verified = 1');
    this.selectInsights = db.prepare('SELECT data FROM request_insights WHERE at >= @from AND at < @to ORDER BY at LIMIT @limit');
  }

  queueSaving(row: unknown[]): void {
    this.savings.push(row);
  }

  queueInsight(insight: RequestInsight, json: string): void {
    this.insights.push({ insight, json });
  }

  /** Rows waiting to be written. */
  pending(): number {
    return this.savings.length + this.insights.length;
  }

  /** Writes the queued rows; the caller holds the transaction. */
  writeQueued(): void {
    for (const row of this.savings) this.insertSaving.run(row);
    for (const { insight, json } of this.insights) this.insertInsight.run(insight.requestId, insight.at, json);
    this.savings = [];
    this.insights = [];
  }

  /** Drops the queue after a failed write (the journal keeps its rows). */
  clearQueued(): void {
    this.savings = [];
    this.insights = [];
  }

  replayInsight(insight: RequestInsight): void {
    this.insertInsight.run(insight.requestId, insight.at, JSON.stringify(insight));
  }

  /** A saving read back from the journal after a crash: written unless it is already there. */
  replaySaving(row: unknown[]): void {
    // request_id and method are the first and third parameters.
    this.insertSavingOnce.run([...row, row[0], row[2]]);
  }

  listSavings(limit: number, offset: number): SavingRecord[] {
    return (this.selectSavings.all({ limit, offset }) as SavingRow[]).map((row) => ({
      requestId: row.request_id,
      at: row.at,
      method: row.method,
      baseline: row.baseline_usd,
      actual: row.actual_usd,
      savedUsd: row.saved_usd,
      verified: row.verified === 1,
      evidence: JSON.parse(row.evidence),
    }));
  }

  totalSavedUsd(): number {
    return (this.sumSavings.get() as { usd: number }).usd;
  }

  listInsights(from: number, to: number, limit: number): RequestInsight[] {
    return (this.selectInsights.all({ from, to, limit }) as Array<{ data: string }>).map((row) => JSON.parse(row.data));
  }
}
