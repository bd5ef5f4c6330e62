// Where the Postgres store keeps rows while Postgres is unreachable: a journal file under the data
// dir (row-journal.ts), so neither a long outage (memory stays flat) nor a stop or crash of this
// process (the file outlives it) loses a row. Once Postgres answers, the file is renamed aside,
// written in one transaction and deleted, while new rows go on into a fresh file; a gateway started
// later replays whatever an earlier one left.

import { existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { readJournal, RowJournal, type JournalEntry } from '../row-journal';
import type { PendingEntry } from './postgres-write-rows';

/** Rows kept on disk at most (about half as many requests: most also have an observation). */
export const MAX_KEPT_ROWS = 200_000;

export class OutageJournal {
  private journal: RowJournal;
  private readonly replayingPath: string;
  /** Rows in the journal and in the file being replayed. */
  private inJournal: number;
  private inReplaying: number;
  private closed = false;

  constructor(readonly path: string, private readonly maxKept = MAX_KEPT_ROWS) {
    this.replayingPath = `${path}.replaying`;
    this.inJournal = countLines(path);
    this.inReplaying = countLines(this.replayingPath);
    this.journal = new RowJournal(path);
  }

  /** Rows waiting on disk for Postgres. */
  get size(): number {
    return this.inJournal + this.inReplaying;
  }

  get isEmpty(): boolean {
    return this.journal.isEmpty && !existsSync(this.replayingPath);
  }

  /** Appends the rows with one write (crash-safe once it returns); returns how many were dropped over the bound. */
  keep(entries: PendingEntry[]): number {
    if (this.closed) return entries.length;
    const room = Math.max(0, this.maxKept - this.size);
    const kept = entries.length <= room ? entries : entries.slice(0, room);
    for (const entry of kept) this.journal.addRecord(entry.kind, entry.record);
    this.journal.writeAdded();
    this.inJournal += kept.length;
    return entries.length - kept.length;
  }

  /**
   * Writes every kept row with `write`, one file (one transaction) at a time, until none is left;
   * returns how many were written. A failed write keeps its file for the next attempt.
   */
  async replay(write: (entries: PendingEntry[]) => Promise<void>): Promise<{ written: number; unreadable: number }> {
    let written = 0;
    let unreadable = 0;
    for (;;) {
      // A replay that outlived close() (Postgres stopped answering) leaves the rest for the next start.
      if (this.closed) throw new Error('the journal was closed during its replay');
      if (!existsSync(this.replayingPath)) {
        if (this.journal.isEmpty) return { written, unreadable };
        // Rows recorded from here on go into a fresh journal while this one is written.
        this.journal.close();
        renameSync(this.path, this.replayingPath);
        this.journal = new RowJournal(this.path);
        this.inReplaying = this.inJournal;
        this.inJournal = 0;
      }
      const contents = readJournal(this.replayingPath);
      const entries = contents.entries.filter(isPendingEntry);
      await write(entries);
      unlinkSync(this.replayingPath);
      written += entries.length;
      unreadable += contents.unreadable + contents.entries.length - entries.length;
      this.inReplaying = 0;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.journal.close();
  }
}

/** One row a line; counted without parsing, so a start with a large journal stays quick. */
function countLines(path: string): number {
  if (!existsSync(path)) return 0;
  const bytes = readFileSync(path);
  let lines = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  return lines;
}

/** The Postgres store journals whole records; anything else is not its own. */
function isPendingEntry(entry: JournalEntry): entry is PendingEntry {
  return 'record' in entry;
}
