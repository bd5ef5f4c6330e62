// What routing remembers between requests — breakers, key cooldowns, latency averages — kept by the
// gateway for its whole life, so config reloads and profile switches do not forget a failing provider.

import type { ProviderRuntime, Runtime } from '../gateway/runtime';
import { AccountPool, type AccountView } from './account-pool';
import type { BreakerTransition } from './circuit-breaker';
import { LatencyTracker } from './latency-tracker';
import type { RoutingSettings } from './routing-settings';

export interface RoutingClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: RoutingClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
  after: (ms, fn) => {
    const timer = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

export interface RoutingStateOptions {
  clock?: RoutingClock;
  random?: () => number;
  onTransition?: (account: string, transition: BreakerTransition) => void;
}

export class RoutingState {
  readonly clock: RoutingClock;
  readonly random: () => number;
  readonly accounts: AccountPool;
  readonly latency = new LatencyTracker();
  /**
   * Set by the server when keys come from a key store: after a refusal, looks the provider's stored
   * keys up again (reloading when one was rotated) and resolves with the provider as configured now.
   */
  recheckKeys?: (providerId: string) => Promise<ProviderRuntime | undefined>;

  constructor(settings: RoutingSettings, options: RoutingStateOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.accounts = new AccountPool(settings.breaker, options.onTransition);
  }

  /** Takes new breaker settings from a reloaded config; breaker states are kept. */
  configure(settings: RoutingSettings): void {
    this.accounts.configure(settings.breaker);
  }

  /** Every account of every configured provider, with its breaker state. */
  breakers(runtime: Runtime): AccountView[] {
    const now = this.clock.now();
    const out: AccountView[] = [];
    for (const provider of runtime.providers.values()) for (const account of provider.accounts) out.push(this.accounts.view(account, now));
    return out;
  }
}
