// What to do after a failed attempt, decided from the error's kind and status — never its text.

import { isRetryable, type GatewayError } from '../errors';

export type FailureAction =
  /** A transient upstream failure (connect error, timeout, 5xx): back off, retry, then fail over. Charges the breaker. */
  | 'retry'
  /** 429: cool this key; another key or a wait within the Retry-After cap, else fail over. */
  | 'rate_limited'
  /** The key itself was refused (401/403): try the provider's next key, then the next target. The key is out for its whole provider (its breaker opens at once). */
  | 'next_account'
  /** This target cannot serve this request (e.g. no translation to its wire format): next target. */
  | 'next_target'
  /** The request's own fault (400, 404, 413…): the client gets the error, nothing is retried. */
  | 'stop';

export function classifyFailure(error: GatewayError): FailureAction {
  if (error.kind === 'rate_limited') return 'rate_limited';
  if (error.kind === 'unsupported') return 'next_target';
  if (error.code === 'upstream_key_refused') return 'next_account';
  if (error.kind === 'upstream_error' && (error.upstreamStatus === 401 || error.upstreamStatus === 403)) return 'next_account';
  if (isRetryable(error)) return 'retry';
  return 'stop';
}

export interface RetrySettings {
  /** Attempts on one target (first try included) before failing over to the next. */
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
}

/** By default a failing target is failed over at once; `retry.attempts` > 1 retries it with backoff first. */
export const DEFAULT_RETRY: RetrySettings = { attempts: 1, backoffMs: 200, maxBackoffMs: 2_000 };

/** A key that answers 429 this many times in one request is out for the rest of that request. */
export const RATE_LIMITS_PER_KEY = 2;

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so retries never bunch. */
export function backoffDelay(settings: RetrySettings, retryNumber: number, random: () => number): number {
  const step = Math.min(settings.maxBackoffMs, settings.backoffMs * Math.pow(2, Math.max(0, retryNumber - 1)));
  return step / 2 + random() * (step / 2);
}
