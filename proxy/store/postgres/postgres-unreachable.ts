// Whether a failed query means Postgres did not answer (down, restarting, unreachable, timed out),
// as opposed to Postgres refusing the query. Decided from pg's error class and SQLSTATE, never from
// message text: an error Postgres sent is a DatabaseError; connection failures are plain Errors
// from the socket (ECONNREFUSED …) or from pg itself (connection terminated, connect timeout).

import { DatabaseError } from 'pg';
import { DeadlineExceededError } from '../../within';

/** SQLSTATE classes and codes that mean "not reachable now", not "your query is wrong". */
const UNREACHABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

export function isPostgresUnreachable(err: unknown): boolean {
  if (err instanceof DeadlineExceededError) return true;
  if (err instanceof DatabaseError) return err.code !== undefined && (err.code.startsWith('08') || UNREACHABLE_STATES.has(err.code));
  // A TypeError or RangeError is a bug here, not an outage.
  return err instanceof Error && err.constructor === Error;
}
