// Request ids lead with the time, so each new row lands at the end of the log's primary-key index
// (random ids would scatter every batch across the whole index and rewrite that many pages).

import { randomUUID } from 'node:crypto';

/** `req_` + 12 hex digits of Unix milliseconds + the last 20 hex digits of a random UUID. */
export function newRequestId(now = Date.now()): string {
  return 'req_' + now.toString(16).padStart(12, '0') + randomUUID().replace(/-/g, '').slice(12);
}
