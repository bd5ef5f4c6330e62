// Where the Postgres store keeps rows while Postgres is unreachable: a journal file under the data
// dir (row-journal.ts), so neither a long outage (memory stays flat) nor a stop or crash of this
// process (the file outlives it) loses a row. Once Postgres answers, the file is renamed aside,
// read back in chunks and written in one transaction (so a replay's memory does not grow with the
// outage either), and deleted, while new rows go on into a fresh file; a gateway started later
// replays whatever an earlier one left.

import { createReadStream, existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseJournalLine, RowJournal, type JournalEntry } from '../row-journal';
import type { PendingEntry } from './postgres-write-rows';

/** Rows handed to the writer at a time during a replay. */
const REPLAY_CHUNK_ROWS = 2000;

/** How a replay reads its file: chunk by chunk, counting what it could not read back. */
export interface ReplayChunks extends AsyncIterable<PendingEntry[]> {
  readonly rows: number;
  readonly unreadable: number;
}

/** Rows kept on disk at most (about half as many requests: most also have an observation). */
export const MAX_KEPT_ROWS = 200_000;

export class OutageJournal {
  private journal: RowJournal;
  private readonly replayingPath: string;
  /** Rows in the journal and in the file being replayed. */
  private inJournal: number;
  private inReplaying: number;
  private closed = false;

  constructor(readonly path: string, private readonly maxKept = MAX_KEPT_ROWS, private readonly chunkRows = REPLAY_CHUNK_ROWS) {
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
  async replay(write: (chunks: AsyncIterable<PendingEntry[]>) => Promise<void>): Promise<{ written: number; unreadable: number }> {
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
      const chunks = readChunks(this.replayingPath, this.chunkRows);
      await write(chunks);
      unlinkSync(this.replayingPath);
      written += chunks.rows;
      unreadable += chunks.unreadable;
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

/** The file's rows, `size` at a time; lines it cannot read back (or not its own) are counted, not written. */
function readChunks(path: string, size: number): ReplayChunks {
  const counts = { rows: 0, unreadable: 0 };
  async function* chunks(): AsyncGenerator<PendingEntry[]> {
    let chunk: PendingEntry[] = [];
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      if (line === '') continue;
      const entry = parseJournalLine(line);
      if (!entry || !isPendingEntry(entry)) {
        counts.unreadable++;
        continue;
      }
      chunk.push(entry);
      counts.rows++;
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  return {
    [Symbol.asyncIterator]: chunks,
    get rows() {
      return counts.rows;
    },
    get unreadable() {
      return counts.unreadable;
    },
  };
}

/** The Postgres store journals whole records; anything else is not its own. */
function isPendingEntry(entry: JournalEntry): entry is PendingEntry {
  return 'record' in entry;
}
