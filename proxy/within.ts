// A deadline on something that may never answer: a Postgres that stopped answering refuses nothing
// (a query on an open connection just waits), nor does a hung OS keychain. Past the deadline the
// call fails; the work, left running, is no longer waited for (a Postgres query frees its connection
// through the pool's query_timeout).

export class DeadlineExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'DeadlineExceededError';
  }
}

export function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, ms)), ms);
  });
  // The loser's later failure is not news: the caller already has its answer.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
