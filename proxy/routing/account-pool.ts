// The accounts (API keys) of every provider: which one to use next, and which to skip. Each account
// `<provider id>#<n>` has its own circuit breaker and its own rate-limit cooldown, so a 429 on one key
// cools that key only. Accounts are taken in turn (round robin) to spread load across keys. A key the
// provider refused (401, an invalid Google key, no credit left) is out for every target of that
// provider, in this request and the next: its breaker opens at once, and after the breaker's cooldown
// one probe asks again, so a key fixed at the provider comes back by itself. A key whose value changes (a reload, a key set from the
// dashboard) is a new account: it starts closed, cool and unrefused, and what the old key's attempts
// still in flight report no longer applies to it.

import { CircuitBreaker, type BreakerSettings, type BreakerTransition, type BreakerView } from './circuit-breaker';

export interface Account {
  /** `<provider id>#<n>`, n counting from 1 in config order (`apiKey` first, then `apiKeys`). */
  id: string;
  providerId: string;
  secret: string | undefined;
}

/** An account picked for one attempt; `permit` reports the attempt's outcome to the account's breaker. */
export interface AccountLease {
  account: Account;
  /** 0, or the half-open breaker's probe number when this attempt is its probe. */
  permit: number;
}

export type AccountPick =
  | ({ kind: 'account' } & AccountLease)
  /** Every usable account is cooling after a 429; the earliest is free again in `waitMs`. */
  | { kind: 'wait'; waitMs: number }
  /**
   * No account may take a request: a breaker is open after failures (`circuit_open`), the provider
   * refused every key left (`key_refused`), or each was already tried for this request (`exhausted`).
   */
  | { kind: 'none'; reason: 'circuit_open' | 'key_refused' | 'exhausted'; retryInMs: number | null };

/**
 * The wait told to a client refused while an account's half-open probe is out: the probe's outcome
 * (closed at once, or open for another cooldown) is not known yet, so ask it back soon.
 */
export const PROBE_PENDING_RETRY_MS = 1_000;

interface AccountState {
  /** The key this state is about. */
  secret: string | undefined;
  breaker: CircuitBreaker;
  coolUntil: number;
  /** When the provider last refused this key, until an answer from it closes the breaker again. */
  refusedAt: number | null;
}

export interface AccountView extends BreakerView {
  account: string;
  provider: string;
  rateLimitedUntil: number | null;
  keyRefusedAt: number | null;
}

export class AccountPool {
  private readonly states = new Map<string, AccountState>();
  private readonly turn = new Map<string, number>();

  constructor(private settings: BreakerSettings, private readonly onTransition?: (account: string, t: BreakerTransition) => void) {}

  configure(settings: BreakerSettings): void {
    this.settings = settings;
    for (const state of this.states.values()) state.breaker.configure(settings);
  }

  /** Picks the next account of this provider that may take a request, skipping those in `exclude`. */
  pick(providerId: string, accounts: readonly Account[], now: number, exclude: ReadonlySet<string>): AccountPick {
    const start = this.turn.get(providerId) ?? 0;
    let earliestCool = Number.POSITIVE_INFINITY;
    let earliestBreaker = Number.POSITIVE_INFINITY;
    let anyBreakerClosed = false;
    let anyBreakerOpen = false;
    let anyRefused = false;
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[(start + i) % accounts.length]!;
      if (exclude.has(account.id)) continue;
      const state = this.stateOf(account);
      const breakerFree = state.breaker.isAvailable(now);
      if (!breakerFree && state.refusedAt !== null) {
        // A refused key has no time to tell the client: waiting will not fix it, a new key will.
        anyRefused = true;
        continue;
      }
      if (!breakerFree) {
        anyBreakerOpen = true;
        // A half-open breaker with its probe out has no cooldown left: its answer is due any moment.
        const until = state.breaker.view(now).cooldownUntil;
        earliestBreaker = Math.min(earliestBreaker, until !== null && until > now ? until : now + PROBE_PENDING_RETRY_MS);
        continue;
      }
      anyBreakerClosed = true;
      if (state.coolUntil > now) {
        earliestCool = Math.min(earliestCool, state.coolUntil);
        continue;
      }
      const permit = state.breaker.tryAcquire(now);
      if (permit === null) continue;
      this.turn.set(providerId, (start + i + 1) % accounts.length);
      return { kind: 'account', account, permit };
    }
    if (anyBreakerClosed && Number.isFinite(earliestCool)) return { kind: 'wait', waitMs: earliestCool - now };
    if (anyBreakerOpen) return { kind: 'none', reason: 'circuit_open', retryInMs: Number.isFinite(earliestBreaker) ? earliestBreaker - now : null };
    if (anyRefused) return { kind: 'none', reason: 'key_refused', retryInMs: null };
    return { kind: 'none', reason: 'exhausted', retryInMs: null };
  }

  recordSuccess({ account, permit }: AccountLease, now: number): void {
    const state = this.outcomeState(account);
    state?.breaker.recordSuccess(now, permit);
    if (state) forgiveIfClosed(state, now);
  }

  recordFailure({ account, permit }: AccountLease, now: number): void {
    this.outcomeState(account)?.breaker.recordFailure(now, permit);
  }

  /** The attempt's answer has started reaching the client: a half-open breaker whose probe this is closes. */
  recordAnswering({ account, permit }: AccountLease, now: number): void {
    const state = this.outcomeState(account);
    state?.breaker.recordAnswering(now, permit);
    if (state) forgiveIfClosed(state, now);
  }

  /** The provider refused this key (401, an invalid Google key, no credit left): it is out for every target of the provider until its breaker's probe is answered or the key changes. */
  refuse({ account }: AccountLease, now: number): void {
    const state = this.outcomeState(account);
    if (!state) return;
    state.refusedAt = now;
    state.breaker.trip(now);
  }

  /** A 429: this key rests until `until`; its breaker is not charged (the provider is healthy). */
  coolDown({ account, permit }: AccountLease, until: number): void {
    const state = this.outcomeState(account);
    if (!state) return;
    state.coolUntil = Math.max(state.coolUntil, until);
    state.breaker.release(permit);
  }

  release({ account, permit }: AccountLease): void {
    this.outcomeState(account)?.breaker.release(permit);
  }

  view(account: Account, now: number): AccountView {
    const state = this.stateOf(account);
    return { account: account.id, provider: account.providerId, ...state.breaker.view(now), rateLimitedUntil: state.coolUntil > now ? state.coolUntil : null, keyRefusedAt: state.refusedAt };
  }

  /** The state of the account as configured now: a changed key replaces the old key's state. */
  private stateOf(account: Account): AccountState {
    let state = this.states.get(account.id);
    if (!state || state.secret !== account.secret) {
      const id = account.id;
      state = { secret: account.secret, breaker: new CircuitBreaker(this.settings, (t) => this.onTransition?.(id, t)), coolUntil: 0, refusedAt: null };
      this.states.set(id, state);
    }
    return state;
  }

  /** Where an attempt's outcome goes: nowhere when the attempt used a key since replaced. */
  private outcomeState(account: Account): AccountState | undefined {
    const state = this.states.get(account.id);
    if (state && state.secret !== account.secret) return undefined;
    return state ?? this.stateOf(account);
  }
}

/** A refused key whose breaker has closed again (its probe was answered) is no longer refused. */
function forgiveIfClosed(state: AccountState, now: number): void {
  if (state.refusedAt !== null && state.breaker.view(now).state === 'closed') state.refusedAt = null;
}
