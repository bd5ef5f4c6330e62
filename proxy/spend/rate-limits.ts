// The rate-limit contract: the in-process limiter (rate-limiter.ts) serves one gateway; the Redis
// limiter (redis-rate-limiter.ts) counts one sliding minute across every instance in team mode.

import type { RateLimitConfig } from '../config/schema';

/** What `admit` hands back; pass it to `settle` once the request's real token count is known. */
export type RateTicket = object;

export interface RateLimits {
  /** Admits one request or throws `rate_limited` with the seconds until it would be admitted. */
  admit(client: string, limit: RateLimitConfig, estimatedTokens: number): RateTicket | Promise<RateTicket>;
  /** Counts the request's real tokens (input + output) in place of its estimate. */
  settle(ticket: RateTicket, tokens: number | undefined): void;
  /** Takes back an admitted request that was refused afterwards (its budget): it never ran, so it uses no slot. */
  release(ticket: RateTicket): void | Promise<void>;
}
