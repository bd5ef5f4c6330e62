// The routing knobs with their defaults filled in, resolved once per config.

import type { RetryConfig, RoutingConfig } from '../config/schema';
import { DEFAULT_BREAKER, type BreakerSettings } from './circuit-breaker';
import { DEFAULT_RETRY, type RetrySettings } from './retry-policy';

export interface RoutingSettings {
  /** Upstream attempts per request, across all targets and keys. */
  maxAttempts: number;
  /** No attempt starts, and none waits for its first byte, past this many ms after the request arrived. */
  deadlineMs: number;
  /** The longest Retry-After the gateway waits out on a request; a longer one fails over at once. */
  retryAfterCapMs: number;
  /** How long a key rests after a 429 that carries no Retry-After. */
  rateLimitCooldownMs: number;
  /** `fastest`: probability of trying another target first. */
  exploration: number;
  breaker: BreakerSettings;
}

export const DEFAULT_ROUTING: RoutingSettings = {
  maxAttempts: 5,
  deadlineMs: 180_000,
  retryAfterCapMs: 5_000,
  rateLimitCooldownMs: 1_000,
  exploration: 0.05,
  breaker: DEFAULT_BREAKER,
};

/** Output tokens assumed by `cheapest` when the request sets no cap. */
export const DEFAULT_OUTPUT_ESTIMATE = 500;

export function resolveRoutingSettings(config: RoutingConfig | undefined): RoutingSettings {
  return {
    maxAttempts: config?.maxAttempts ?? DEFAULT_ROUTING.maxAttempts,
    deadlineMs: config?.deadlineMs ?? DEFAULT_ROUTING.deadlineMs,
    retryAfterCapMs: config?.retryAfterCapMs ?? DEFAULT_ROUTING.retryAfterCapMs,
    rateLimitCooldownMs: config?.rateLimitCooldownMs ?? DEFAULT_ROUTING.rateLimitCooldownMs,
    exploration: config?.exploration ?? DEFAULT_ROUTING.exploration,
    breaker: { ...DEFAULT_BREAKER, ...stripUndefined(config?.breaker ?? {}) },
  };
}

export function resolveRetrySettings(config: RetryConfig | undefined): RetrySettings {
  const merged = { ...DEFAULT_RETRY, ...stripUndefined(config ?? {}) };
  return { ...merged, maxBackoffMs: Math.max(merged.maxBackoffMs, merged.backoffMs) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
