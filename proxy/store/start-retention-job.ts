// Runs the store's retention (daily rollups, pruning of old raw rows) shortly after start and then
// every hour. In team mode every instance runs it; the Postgres store lets one at a time do the work.

import type { Logger } from '../server/logger';
import type { Store } from './store';

const FIRST_RUN_MS = 10_000;
const EVERY_MS = 3_600_000;

export interface RetentionJob {
  runNow(): Promise<void>;
  stop(): void;
}

export function startRetentionJob(store: Store, rawDays: number, log: Logger, now: () => number = Date.now): RetentionJob {
  let running: Promise<void> | undefined;
  const runNow = () =>
    (running ??= store
      .applyRetention({ now: now(), rawDays })
      .then((result) => {
        if (result.rolledDays > 0 || result.prunedRows > 0) log.info({ ...result, rawDays }, 'retention: days rolled up, old request rows pruned');
      })
      .catch((err) => log.error({ err }, 'retention run failed'))
      .finally(() => {
        running = undefined;
      }));
  const first = setTimeout(() => void runNow(), FIRST_RUN_MS);
  const timer = setInterval(() => void runNow(), EVERY_MS);
  first.unref();
  timer.unref();
  return {
    runNow,
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
