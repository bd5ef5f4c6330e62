// Writes the store's rows (request log, savings ledger, advisor observations) to Postgres: queued,
// and written as multi-row inserts every 20 ms, off the request path. While Postgres is unreachable
// rows go to a journal under the data dir instead (postgres-outage-journal.ts): responses are not
// held up, memory stays flat, and a stop or crash of this process loses nothing. Once Postgres
// answers again (checked each second) or at the next start, the journal is written to it. A row
// Postgres refuses is set aside, so it never holds up the others.

import type { Pool } from 'pg';
import { RowJournal } from '../row-journal';
import type { StoreBacklog } from '../store';
import { OutageJournal } from './postgres-outage-journal';
import { isPostgresUnreachable } from './postgres-unreachable';
import { writePendingEntries, writePendingEntriesAtomically, type PendingEntry } from './postgres-write-rows';
import { within } from '../../within';

const FLUSH_DELAY_MS = 20;
const FLUSH_BATCH = 500;
const RETRY_DELAY_MS = 1000;
/** An outage is reported when it starts and ends, and at most this often in between. */
const OUTAGE_REPORT_MS = 60_000;
/** The longest a response waits for its row; past it the batch goes to the journal (see within.ts). */
const WRITE_DEADLINE_MS = 2000;
/** Shutdown's last replay gets this long from a Postgres that does not answer. */
const SHUTDOWN_STEP_MS = 2000;

export interface RowWriterOptions {
  /** Where rows are kept while Postgres is unreachable; refused rows go beside it (`.rejected`). */
  journalPath: string;
  /** Told when Postgres becomes unreachable, about refused and dropped rows. */
  onError: (err: unknown, message: string) => void;
  /** Told when Postgres answers again and the journal was written. */
  onRecovered: (message: string) => void;
}

export class PostgresRowWriter {
  private queue: PendingEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Postgres failed a write: rows go to the journal until a replay of it succeeds. */
  private down = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  /** Dropped in the current outage (reported when it ends) and since start (for /metrics). */
  private dropped = 0;
  private droppedTotal = 0;
  private refusedTotal = 0;
  private lastReport = 0;
  private readonly journal: OutageJournal;
  /** Rows Postgres refused, opened on the first one. */
  private rejected: RowJournal | undefined;
  private readonly rejectedPath: string;
  private readonly onError: RowWriterOptions['onError'];
  private readonly onRecovered: RowWriterOptions['onRecovered'];

  constructor(private readonly pool: Pool, options: RowWriterOptions) {
    this.journal = new OutageJournal(options.journalPath);
    this.rejectedPath = `${options.journalPath}.rejected`;
    this.onError = options.onError;
    this.onRecovered = options.onRecovered;
  }

  /** Writes what an earlier run left in the journal (before serving). */
  async replayLeftovers(): Promise<void> {
    if (this.journal.isEmpty) return;
    this.down = true;
    await this.recover();
  }

  backlog(): StoreBacklog {
    return { reachable: !this.down, pendingRows: this.journal.size, droppedRows: this.droppedTotal, refusedRows: this.refusedTotal };
  }

  enqueue(entry: PendingEntry): void {
    this.queue.push(entry);
    if (this.queue.length >= FLUSH_BATCH) this.startWrite();
    else if (!this.timer) this.timer = setTimeout(() => this.startWrite(), FLUSH_DELAY_MS);
  }

  /** Resolves once everything queued is in Postgres or, while it is unreachable, in the journal. */
  async flush(): Promise<void> {
    this.startWrite();
    await this.writing;
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
      // (every row is keyed).
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
    this.refusedTotal += refused.length;
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
    this.droppedTotal += dropped;
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
    this.abandon();
  }

  /** Closes the files without a last write (the store could not open). */
  abandon(): void {
    this.journal.close();
    this.rejected?.close();
  }
}
