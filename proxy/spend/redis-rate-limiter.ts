// Per-client rate limits counted across every gateway instance: one sliding minute per client in
// Redis, admitted and settled by Lua scripts (same rules as the in-process rate-limiter.ts).

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimitConfig } from '../config/schema';
import { GatewayError } from '../errors';
import type { Logger } from '../server/logger';
import type { RateLimits, RateTicket } from './rate-limits';
import { RATE_ADMIT_SCRIPT, RATE_RELEASE_SCRIPT, RATE_SETTLE_SCRIPT } from './redis-scripts';
import { callRedis } from './redis-unavailable';
import { runRedisScript } from './run-redis-script';

const PREFIX = '{switchyard}:rate:';

interface RedisTicket {
  readonly id: string;
  readonly keys: [string, string];
}

export class RedisRateLimiter implements RateLimits {
  constructor(private readonly redis: Redis, private readonly log: Logger) {}

  async admit(client: string, limit: RateLimitConfig, estimatedTokens: number): Promise<RateTicket> {
    const keys: [string, string] = [`${PREFIX}${client}`, `${PREFIX}${client}:tokens`];
    const id = randomUUID();
    const reply = (await callRedis(() => runRedisScript(this.redis, RATE_ADMIT_SCRIPT, keys, [id, String(limit.rpm ?? 0), String(limit.tpm ?? 0), String(Math.round(estimatedTokens))]))) as [string, number?];
    if (reply[0] === 'rpm') throw limited(`rate limit of ${limit.rpm} requests per minute reached for client "${client}"`, Number(reply[1]));
    if (reply[0] === 'tpm') throw limited(`rate limit of ${limit.tpm} tokens per minute reached for client "${client}"`, Number(reply[1]));
    const ticket: RedisTicket = { id, keys };
    return ticket;
  }

  settle(ticket: RateTicket, tokens: number | undefined): void {
    if (tokens === undefined) return;
    const t = ticket as RedisTicket;
    // Off the request path: a lost settle leaves the estimate counted, which ages out in a minute.
    callRedis(() => runRedisScript(this.redis, RATE_SETTLE_SCRIPT, t.keys, [t.id, String(Math.round(tokens))])).catch((err) =>
      this.log.warn({ err: (err as Error).message }, 'rate limit settle failed'),
    );
  }

  async release(ticket: RateTicket): Promise<void> {
    const t = ticket as RedisTicket;
    await callRedis(() => runRedisScript(this.redis, RATE_RELEASE_SCRIPT, t.keys, [t.id]));
  }
}

function limited(message: string, waitMs: number): GatewayError {
  return new GatewayError('rate_limited', message, { code: 'rate_limited', retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
}
