// What happens when Redis cannot be reached in team mode. Budgets and rate limits either fail
// closed (the default: the request is refused with a 503 in the client's format, nothing is
// spent unchecked) or open (the request runs without the shared check, and a warning is logged).

import { GatewayError } from '../errors';
import type { Logger } from '../server/logger';
import type { BudgetCharge, BudgetHold, BudgetLedger, BudgetScope, ReserveResult, ScopeSettlement, ScopeUsage, SpentLoader } from './budget-ledger';
import { windowOf } from './budget-period';
import type { RateLimitConfig } from '../config/schema';
import type { RateLimits, RateTicket } from './rate-limits';

export type RedisFailureMode = 'closed' | 'open';

/** Redis did not answer (down, unreachable, timed out); a script error is not this. */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Redis is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'RedisUnavailableError';
  }
}

/** Runs one Redis call, turning connection failures into RedisUnavailableError. */
export async function callRedis<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    // A ReplyError is Redis answering "no" (a bug in a script), not Redis being away.
    if ((err as Error)?.name === 'ReplyError') throw err;
    throw new RedisUnavailableError(err);
  }
}

/** `where` names what did not answer, e.g. "budget store (Redis)" or "spend log (Postgres)". */
export function sharedStateUnavailable(what: string, cause: unknown, where = `${what} store (Redis)`): GatewayError {
  // Not retryable by routing (it is raised before any upstream), and each format renders the 503
  // in its own shape: OpenAI api_error, Anthropic overloaded_error, Gemini UNAVAILABLE.
  return new GatewayError('upstream_unreachable', `the ${where} is unreachable, so this request cannot be checked against its ${what}; try again shortly`, {
    status: 503, code: 'spend_store_unavailable', retryAfter: 5, cause,
  });
}

/** Warns at most once a minute per kind, so an outage does not flood the log. */
class OutageLog {
  private last = new Map<string, number>();
  constructor(private readonly log: Logger, private readonly mode: RedisFailureMode) {}

  warn(what: string, err: unknown): void {
    const now = Date.now();
    if ((this.last.get(what) ?? 0) > now - 60_000) return;
    this.last.set(what, now);
    this.log.warn({ err: (err as Error).message, mode: this.mode }, this.mode === 'open' ? `Redis unreachable: ${what} not enforced (redisFailure: open)` : `Redis unreachable: refusing requests that need ${what} (redisFailure: closed)`);
  }
}

const BYPASSED: BudgetHold = Object.freeze({ charges: [] });

/** The ledger with the outage policy applied; `loadSpent` answers usage reads during an outage. */
export class FailSafeLedger implements BudgetLedger {
  private readonly outage: OutageLog;

  constructor(private readonly inner: BudgetLedger, private readonly mode: RedisFailureMode, log: Logger, private readonly loadSpent: SpentLoader) {
    this.outage = new OutageLog(log, mode);
  }

  async reserve(charges: BudgetCharge[], at: number): Promise<ReserveResult> {
    try {
      return await this.inner.reserve(charges, at);
    } catch (err) {
      if (!(err instanceof RedisUnavailableError)) throw err;
      this.outage.warn('budgets', err);
      if (this.mode === 'closed') throw sharedStateUnavailable('budget', err);
      return { ok: true, hold: BYPASSED };
    }
  }

  async settle(hold: BudgetHold, actualUsd: (scope: BudgetScope) => number): Promise<ScopeSettlement[]> {
    // Spend settled during an outage is still in the request log; the window reloads from it.
    if (hold === BYPASSED) return [];
    return this.inner.settle(hold, actualUsd);
  }

  async release(hold: BudgetHold): Promise<void> {
    if (hold === BYPASSED) return;
    return this.inner.release(hold);
  }

  async usage(scope: BudgetScope, at: number): Promise<ScopeUsage> {
    try {
      return await this.inner.usage(scope, at);
    } catch (err) {
      if (!(err instanceof RedisUnavailableError)) throw err;
      const window = windowOf(scope.period, at);
      return { spentUsd: await this.loadSpent(scope, window.from, window.to), reservedUsd: 0, windowKey: window.key };
    }
  }
}

const UNCOUNTED: RateTicket = Object.freeze({});

/** The rate limiter with the outage policy applied. */
export class FailSafeRateLimits implements RateLimits {
  private readonly outage: OutageLog;

  constructor(private readonly inner: RateLimits, private readonly mode: RedisFailureMode, log: Logger) {
    this.outage = new OutageLog(log, mode);
  }

  async admit(client: string, limit: RateLimitConfig, estimatedTokens: number): Promise<RateTicket> {
    try {
      return await this.inner.admit(client, limit, estimatedTokens);
    } catch (err) {
      if (!(err instanceof RedisUnavailableError)) throw err;
      this.outage.warn('rate limits', err);
      if (this.mode === 'closed') throw sharedStateUnavailable('rate limit', err);
      return UNCOUNTED;
    }
  }

  settle(ticket: RateTicket, tokens: number | undefined): void {
    if (ticket !== UNCOUNTED) this.inner.settle(ticket, tokens);
  }

  async release(ticket: RateTicket): Promise<void> {
    if (ticket !== UNCOUNTED) await this.inner.release(ticket);
  }
}
