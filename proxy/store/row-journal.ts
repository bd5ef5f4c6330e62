// Crash safety for queued rows without a SQLite commit per response: the rows of the responses
// about to end are appended to a journal file in one write(), and SQLite receives them later in
// large transactions, after which the journal starts over. A write() that returned sits in the OS
// page cache, so it survives the process being killed (kill -9), just as a WAL commit with
// synchronous=NORMAL does; neither survives a power loss. A restart replays what the journal holds.
// The Postgres store keeps its rows here too, while Postgres is unreachable (postgres-outage-journal.ts).

import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { RequestInsight, RequestRecord, SavingRecord } from './store';

/**
 * Request and saving rows are journalled as their INSERT parameters, in column order: serialised
 * once, for the journal and SQLite alike, without a key name per field. Journals written before
 * that hold the records themselves, and still replay.
 */
export type JournalEntry =
  | { kind: 'request' | 'saving'; row: unknown[] }
  | { kind: 'request'; record: RequestRecord }
  | { kind: 'saving'; record: SavingRecord }
  | { kind: 'insight'; record: RequestInsight };

export interface JournalContents {
  entries: JournalEntry[];
  /** Lines that could not be read back (a write cut short by the crash itself). */
  unreadable: number;
}

const KINDS = new Set(['request', 'saving', 'insight']);

/** What a journal file holds; a missing file holds nothing. */
export function readJournal(path: string): JournalContents {
  if (!existsSync(path)) return { entries: [], unreadable: 0 };
  const entries: JournalEntry[] = [];
  let unreadable = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const entry = parseJournalLine(line);
    if (entry) entries.push(entry);
    else unreadable++;
  }
  return { entries, unreadable };
}

/** One journal line, or undefined when it cannot be read back (a write cut short by a crash). */
export function parseJournalLine(line: string): JournalEntry | undefined {
  try {
    const entry = JSON.parse(line) as JournalEntry;
    return KINDS.has(entry?.kind) && isReadable(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Insights are journalled as records only; request and saving rows as either. */
function isReadable(entry: { kind: string; row?: unknown; record?: unknown }): boolean {
  if (entry.row !== undefined) return entry.kind !== 'insight' && Array.isArray(entry.row);
  return typeof entry.record === 'object' && entry.record !== null;
}

export class RowJournal {
  private readonly fd: number;
  private added: string[] = [];
  private written: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
    this.written = fstatSync(this.fd).size;
  }

  /** A row's INSERT parameters, serialised now; written by the next `writeAdded`. */
  addRow(kind: 'request' | 'saving', row: unknown[]): void {
    this.added.push(`{"kind":"${kind}","row":${JSON.stringify(row)}}\n`);
  }

  /** A whole record (the Postgres store's rows, which have no SQLite parameter form). */
  addRecord(kind: 'request' | 'saving' | 'insight', record: RequestRecord | SavingRecord | RequestInsight): void {
    this.added.push(`{"kind":"${kind}","record":${JSON.stringify(record)}}\n`);
  }

  /** An insight, from its record already serialised. */
  addInsight(recordJson: string): void {
    this.added.push(`{"kind":"insight","record":${recordJson}}\n`);
  }

  /** Appends every added entry with one write; after it returns they survive a crash. */
  writeAdded(): void {
    if (this.added.length === 0) return;
    const bytes = Buffer.from(this.added.join(''));
    this.added = [];
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
    this.written += bytes.length;
  }

  /** Every entry so far is committed to SQLite: start over. */
  clear(): void {
    this.added = [];
    if (this.written === 0) return;
    ftruncateSync(this.fd, 0);
    this.written = 0;
  }

  /** Nothing added and nothing written since the last clear. */
  get isEmpty(): boolean {
    return this.added.length === 0 && this.written === 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
