// Per-client rate limits over a sliding one-minute window: requests per minute, and tokens per
// minute counted from provider-reported usage once a request settles (estimated until then).

import { GatewayError } from '../errors';
import type { RateLimitConfig } from '../config/schema';

const WINDOW_MS = 60_000;

interface TokenEntry {
  at: number;
  tokens: number;
}

interface ClientWindow {
  requests: number[];
  tokens: TokenEntry[];
}

/** Returned by `admit`; `settle` replaces the estimate with the real token count. */
export interface RateTicket {
  readonly entry: TokenEntry;
}

export class RateLimiter {
  /** One entry per rate-limited client name, so memory is bounded by the configured clients. */
  private readonly windows = new Map<string, ClientWindow>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Admits one request or throws `rate_limited` with the seconds until it would be admitted. */
  admit(client: string, limit: RateLimitConfig, estimatedTokens: number): RateTicket {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window) {
      window = { requests: [], tokens: [] };
      this.windows.set(client, window);
    }
    const cutoff = now - WINDOW_MS;
    while (window.requests.length > 0 && window.requests[0]! <= cutoff) window.requests.shift();
    while (window.tokens.length > 0 && window.tokens[0]!.at <= cutoff) window.tokens.shift();

    if (limit.rpm !== undefined && window.requests.length >= limit.rpm) {
      const oldest = window.requests[window.requests.length - limit.rpm]!;
      throw limited(`rate limit of ${limit.rpm} requests per minute reached for client "${client}"`, oldest + WINDOW_MS - now);
    }
    if (limit.tpm !== undefined) {
      let used = 0;
      for (const entry of window.tokens) used += entry.tokens;
      // A request larger than the whole limit still runs when the window is empty, or it never could.
      if (used > 0 && used + estimatedTokens > limit.tpm) {
        let freed = 0;
        let waitUntil = now + WINDOW_MS;
        for (const entry of window.tokens) {
          freed += entry.tokens;
          if (used - freed + estimatedTokens <= limit.tpm || used - freed === 0) {
            waitUntil = entry.at + WINDOW_MS;
            break;
          }
        }
        throw limited(`rate limit of ${limit.tpm} tokens per minute reached for client "${client}"`, waitUntil - now);
      }
    }
    window.requests.push(now);
    const entry = { at: now, tokens: estimatedTokens };
    window.tokens.push(entry);
    return { entry };
  }

  /** Counts the request's real tokens (input + output) in place of its estimate. */
  settle(ticket: RateTicket, tokens: number | undefined): void {
    if (tokens !== undefined) ticket.entry.tokens = tokens;
  }
}

function limited(message: string, waitMs: number): GatewayError {
  return new GatewayError('rate_limited', message, { code: 'rate_limited', retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
}
