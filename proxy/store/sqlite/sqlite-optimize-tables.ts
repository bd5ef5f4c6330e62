// SQLite side of the savings ledger and the advisor's observations. Writes are queued and batched
// like request rows, so recording a saving never waits on the disk.

import type Database from 'better-sqlite3';
import type { RequestInsight, SavingRecord } from '../store';

const FLUSH_DELAY_MS = 20;
const FLUSH_BATCH = 500;

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

export class SqliteOptimizeTables {
  private savings: SavingRecord[] = [];
  private insights: RequestInsight[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly writeBatch: (savings: SavingRecord[], insights: RequestInsight[]) => void;
  private readonly selectSavings: Database.Statement;
  private readonly sumSavings: Database.Statement;
  private readonly selectInsights: Database.Statement;

  constructor(db: Database.Database) {
    const insertSaving = db.prepare(`INSERT INTO savings (request_id, at, method, baseline_usd, actual_usd, saved_usd, verified, evidence)
      VALUES (@requestId, @at, @method, @baseline, @actual, @savedUsd, @verified, @evidence)`);
    const insertInsight = db.prepare('INSERT OR REPLACE INTO request_insights (request_id, at, data) VALUES (?, ?, ?)');
    this.writeBatch = db.transaction((savings: SavingRecord[], insights: RequestInsight[]) => {
      for (const s of savings) insertSaving.run({ ...s, verified: s.verified ? 1 : 0, evidence: JSON.stringify(s.evidence) });
      for (const i of insights) insertInsight.run(i.requestId, i.at, JSON.stringify(i));
    });
    this.selectSavings = db.prepare('SELECT * FROM savings ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset');
    this.sumSavings = db.prepare('SELECT coalesce(sum(saved_usd), 0) AS usd FROM savings WHERE verified = 1');
    this.selectInsights = db.prepare('SELECT data FROM request_insights WHERE at >= @from AND at < @to ORDER BY at LIMIT @limit');
  }

  recordSaving(record: SavingRecord): void {
    this.savings.push(record);
    this.schedule();
  }

  recordInsight(insight: RequestInsight): void {
    this.insights.push(insight);
    this.schedule();
  }

  private schedule(): void {
    if (this.savings.length + this.insights.length >= FLUSH_BATCH) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Rows waiting for the next flush. */
  pending(): number {
    return this.savings.length + this.insights.length;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.savings.length === 0 && this.insights.length === 0) return;
    const savings = this.savings;
    const insights = this.insights;
    this.savings = [];
    this.insights = [];
    this.writeBatch(savings, insights);
  }

  listSavings(limit: number, offset: number): SavingRecord[] {
    this.flush();
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
    this.flush();
    return (this.sumSavings.get() as { usd: number }).usd;
  }

  listInsights(from: number, to: number, limit: number): RequestInsight[] {
    this.flush();
    return (this.selectInsights.all({ from, to, limit }) as Array<{ data: string }>).map((row) => JSON.parse(row.data));
  }
}
