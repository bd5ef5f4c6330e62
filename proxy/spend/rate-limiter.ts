// Per-client rate limits over a sliding one-minute window: requests per minute, and tokens per
// minute counted from provider-reported usage once a request settles (estimated until then).
// Each client keeps its last minute of requests in arrival order with a running token total, so
// admission costs O(expired entries), not O(requests in the window).

import { GatewayError } from '../errors';
import type { RateLimitConfig } from '../config/schema';
import type { RateLimits } from './rate-limits';

const WINDOW_MS = 60_000;

interface Entry {
  at: number;
  tokens: number;
  window: ClientWindow;
  /** False once the entry has aged out, so a late settle no longer changes the total. */
  live: boolean;
}

interface ClientWindow {
  entries: Entry[];
  /** Index of the oldest live entry; the array is compacted once half of it is dead. */
  head: number;
  tokens: number;
}

/** Returned by `admit`; `settle` replaces the estimate with the real token count. */
export interface RateTicket {
  readonly entry: Entry;
}

export class RateLimiter implements RateLimits {
  /** One entry per rate-limited client name, so memory is bounded by the configured clients. */
  private readonly windows = new Map<string, ClientWindow>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Admits one request or throws `rate_limited` with the seconds until it would be admitted. */
  admit(client: string, limit: RateLimitConfig, estimatedTokens: number): RateTicket {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window) {
      window = { entries: [], head: 0, tokens: 0 };
      this.windows.set(client, window);
    }
    expire(window, now - WINDOW_MS);
    const count = window.entries.length - window.head;

    if (limit.rpm !== undefined && count >= limit.rpm) {
      const oldest = window.entries[window.entries.length - limit.rpm]!;
      throw limited(`rate limit of ${limit.rpm} requests per minute reached for client "${client}"`, oldest.at + WINDOW_MS - now);
    }
    // A request larger than the whole limit still runs when the window is empty, or it never could.
    if (limit.tpm !== undefined && window.tokens > 0 && window.tokens + estimatedTokens > limit.tpm) {
      let remaining = window.tokens;
      let waitUntil = now + WINDOW_MS;
      for (let i = window.head; i < window.entries.length; i++) {
        const entry = window.entries[i]!;
        remaining -= entry.tokens;
        if (remaining + estimatedTokens <= limit.tpm || remaining <= 0) {
          waitUntil = entry.at + WINDOW_MS;
          break;
        }
      }
      throw limited(`rate limit of ${limit.tpm} tokens per minute reached for client "${client}"`, waitUntil - now);
    }
    const entry: Entry = { at: now, tokens: estimatedTokens, window, live: true };
    window.entries.push(entry);
    window.tokens += estimatedTokens;
    return { entry };
  }

  /** Counts the request's real tokens (input + output) in place of its estimate. */
  settle(ticket: RateTicket, tokens: number | undefined): void {
    const entry = ticket.entry;
    if (tokens === undefined) return;
    if (entry.live) entry.window.tokens += tokens - entry.tokens;
    entry.tokens = tokens;
  }

  /** Takes back an admitted request that was refused afterwards: its slot and tokens are free again. */
  release(ticket: RateTicket): void {
    const entry = ticket.entry;
    if (!entry.live) return;
    entry.live = false;
    const window = entry.window;
    window.tokens -= entry.tokens;
    // Refused right after admission, the entry is at or near the end.
    const at = window.entries.lastIndexOf(entry);
    if (at >= window.head) window.entries.splice(at, 1);
  }
}

function expire(window: ClientWindow, cutoff: number): void {
  const entries = window.entries;
  while (window.head < entries.length && entries[window.head]!.at <= cutoff) {
    const entry = entries[window.head++]!;
    entry.live = false;
    window.tokens -= entry.tokens;
  }
  if (window.head === entries.length) {
    entries.length = 0;
    window.head = 0;
    window.tokens = 0; // exact reset when idle, so float residue never builds up
  } else if (window.head > 1024 && window.head * 2 > entries.length) {
    entries.splice(0, window.head);
    window.head = 0;
  }
}

function limited(message: string, waitMs: number): GatewayError {
  return new GatewayError('rate_limited', message, { code: 'rate_limited', retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
}
