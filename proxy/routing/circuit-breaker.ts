// A circuit breaker per provider account. Closed: requests flow and outcomes are counted. It opens
// after `failures` consecutive failures, or when the failure rate over the last `windowMs` reaches
// `failureRate` (given at least `minRequests` outcomes). Open: the account is skipped until
// `cooldownMs` has passed; then one request at a time probes it (half-open) — success closes it,
// failure opens it for another cooldown. A probe whose answer has started reaching the client has
// succeeded as far as the breaker cares: a long stream does not hold everyone else off until its end.

import { OutcomeWindow } from './outcome-window';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSettings {
  failures: number;
  failureRate: number;
  minRequests: number;
  windowMs: number;
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failures: 5, failureRate: 0.5, minRequests: 10, windowMs: 60_000, cooldownMs: 30_000 };

export interface BreakerView {
  state: BreakerState;
  /** Consecutive failures so far. */
  failures: number;
  /** Outcomes inside the rate window, and how many of them failed. */
  windowRequests: number;
  windowFailures: number;
  openedAt: number | null;
  cooldownUntil: number | null;
}

export interface BreakerTransition {
  from: BreakerState;
  to: BreakerState;
  at: number;
}

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private consecutive = 0;
  private outcomes: OutcomeWindow;
  private openedAt: number | null = null;
  private cooldownUntil: number | null = null;
  /** The permit of the probe out in half-open, 0 when none; permits count up so a stale one never matches. */
  private probe = 0;
  private permits = 0;

  constructor(private settings: BreakerSettings, private readonly onTransition?: (t: BreakerTransition) => void) {
    this.outcomes = new OutcomeWindow(settings.windowMs);
  }

  configure(settings: BreakerSettings): void {
    if (settings.windowMs !== this.settings.windowMs) this.outcomes = new OutcomeWindow(settings.windowMs);
    this.settings = settings;
  }

  /**
   * May a request go to this account now? null if not; else the attempt's permit, to report its
   * outcome with: 0 while closed, the probe's own number in half-open (one probe at a time).
   */
  tryAcquire(now: number): number | null {
    if (this.state === 'closed') return 0;
    if (this.state === 'open') {
      if (now < this.cooldownUntil!) return null;
      this.move('half_open', now);
    }
    if (this.probe !== 0) return null;
    this.probe = ++this.permits;
    return this.probe;
  }

  /** Whether tryAcquire would succeed, without claiming anything. */
  isAvailable(now: number): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') return now >= this.cooldownUntil!;
    return this.probe === 0;
  }

  recordSuccess(now: number, permit = 0): void {
    this.consecutive = 0;
    this.outcomes.add(now, true);
    // A late success from before the breaker opened does not close it; only the probe does.
    if (this.isProbe(permit)) this.close(now);
  }

  /**
   * An attempt's answer has started reaching the client (a stream's first byte): if it is the
   * probe, the account is answering again and the breaker closes now. Its outcome is still recorded when it ends.
   */
  recordAnswering(now: number, permit = 0): void {
    if (this.isProbe(permit)) this.close(now);
  }

  recordFailure(now: number, permit = 0): void {
    this.consecutive++;
    this.outcomes.add(now, false);
    // Half-open waits for its probe: an attempt sent before the breaker opened does not decide.
    if (this.state === 'half_open') {
      if (this.isProbe(permit)) this.open(now);
      return;
    }
    if (this.state !== 'closed') return;
    if (this.consecutive >= this.settings.failures) return this.open(now);
    const { requests, failures } = this.outcomes.totals(now);
    if (requests >= this.settings.minRequests && failures / requests >= this.settings.failureRate) this.open(now);
  }

  /**
   * A failure that needs no repeat to be believed (the provider refused the key): open now, whatever
   * the count, for a cooldown after which one probe asks again. An open breaker still cooling keeps its cooldown.
   */
  trip(now: number): void {
    this.consecutive++;
    this.outcomes.add(now, false);
    if (this.state !== 'open' || now >= this.cooldownUntil!) this.open(now);
  }

  /**
   * The attempt ended without saying anything about the account's health (client left, 429). Only
   * the probe's own end frees the probe slot: an attempt from before the breaker opened ending
   * meanwhile would otherwise let a second probe through.
   */
  release(permit = 0): void {
    if (this.isProbe(permit)) this.probe = 0;
  }

  view(now: number): BreakerView {
    const window = this.outcomes.totals(now);
    return {
      // An open breaker whose cooldown has passed is shown as it will act: ready to probe.
      state: this.state === 'open' && now >= this.cooldownUntil! ? 'half_open' : this.state,
      failures: this.consecutive,
      windowRequests: window.requests,
      windowFailures: window.failures,
      openedAt: this.openedAt,
      cooldownUntil: this.cooldownUntil,
    };
  }

  private isProbe(permit: number): boolean {
    return permit !== 0 && permit === this.probe;
  }

  private close(now: number): void {
    this.probe = 0;
    this.consecutive = 0;
    this.outcomes.clear();
    this.openedAt = null;
    this.cooldownUntil = null;
    this.move('closed', now);
  }

  private open(now: number): void {
    this.probe = 0;
    this.openedAt = now;
    this.cooldownUntil = now + this.settings.cooldownMs;
    this.move('open', now);
  }

  private move(to: BreakerState, at: number): void {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    this.onTransition?.({ from, to, at });
  }
}
