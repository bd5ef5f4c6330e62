// Team mode's shared budgets and rate limits: one Redis connection, the Lua-script ledger and
// limiter, wrapped in the configured outage policy (fail closed by default).

import { Redis } from 'ioredis';
import type { Logger } from '../server/logger';
import type { BudgetLedger } from '../spend/budget-ledger';
import type { RateLimits } from '../spend/rate-limits';
import { RedisBudgetLedger } from '../spend/redis-budget-ledger';
import { RedisRateLimiter } from '../spend/redis-rate-limiter';
import { FailSafeLedger, FailSafeRateLimits, type RedisFailureMode } from '../spend/redis-unavailable';
import { spentInScope } from '../spend/spend-control';
import type { Store } from '../store/store';
import { redactUrl } from './team-settings';

/** A command waits this long for Redis before the request is treated as "Redis unreachable". */
const COMMAND_TIMEOUT_MS = 2000;

export interface SharedSpend {
  redis: Redis;
  ledger: BudgetLedger;
  rates: RateLimits;
  close(): Promise<void>;
}

export async function connectSharedSpend(options: { url: string; store: Store; failure: RedisFailureMode; log: Logger }): Promise<SharedSpend> {
  const { log } = options;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    // Fail fast while disconnected instead of queueing requests behind an outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let reported = false;
  redis.on('error', (err) => {
    if (reported) return;
    reported = true;
    log.warn({ err: err.message, redis: redactUrl(options.url) }, 'Redis connection failed; reconnecting');
  });
  redis.on('ready', () => {
    if (reported) log.info({ redis: redactUrl(options.url) }, 'Redis connection restored');
    reported = false;
  });
  // An instance starts even while Redis is away; the outage policy covers requests until it is back.
  await redis.connect().catch(() => undefined);
  const loadSpent = (scope: Parameters<typeof spentInScope>[1], from: number, to: number) => spentInScope(options.store, scope, from, to);
  return {
    redis,
    ledger: new FailSafeLedger(new RedisBudgetLedger(redis, loadSpent), options.failure, log, loadSpent),
    rates: new FailSafeRateLimits(new RedisRateLimiter(redis, log), options.failure, log),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
