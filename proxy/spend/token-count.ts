// A token count as an upstream reported it, read as a bill and a log can use it. Usage is the
// upstream's to report (Gemini's counts are read as sent): a negative count would be a negative
// cost, handing a client's budget back, and would run a Prometheus counter backwards.

/** The count when it is a finite non-negative number, else 0. */
export function tokenCount(count: unknown): number {
  return typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : 0;
}
