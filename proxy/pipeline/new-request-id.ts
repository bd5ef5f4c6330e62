// Request ids lead with the time, so each new row lands at the end of the log's primary-key index
// (random ids would scatter every batch across the whole index and rewrite that many pages).

import { randomFillSync } from 'node:crypto';

const RANDOM_BYTES = 10;
// Random bytes are drawn a few kilobytes at a time: one system call per ~400 ids, not one each.
const pool = Buffer.alloc(4000);
let offset = pool.length;

/** `req_` + 12 hex digits of Unix milliseconds + 20 random hex digits. */
export function newRequestId(now = Date.now()): string {
  if (offset + RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += RANDOM_BYTES;
  return 'req_' + now.toString(16).padStart(12, '0') + pool.toString('hex', offset - RANDOM_BYTES, offset);
}
