// The attempt loop: order the route's targets by its strategy, then for each target pick a key the
// breakers allow, send, and deliver. A failure before the first byte reaches the client is retried
// with backoff (transient failures), moved to another key (429, refused key) or failed over to the
// next target; once a byte has reached the client nothing is retried. A target whose keys all rest
// after a 429 is waited for, or under weighted and fastest put off until the others were tried. A
// cap on attempts and a deadline bound the whole request. Every attempt is recorded in the trace.

import { GatewayError, toGatewayError, withRetryAfter } from '../errors';
import type { ProviderRuntime, ResolvedRoute, Runtime, Target } from '../gateway/runtime';
import type { AttemptRecord } from '../store/store';
import type { Account, AccountLease } from './account-pool';
import { orderTargets, putsOffCoolingTargets, strategyContext } from './order-targets';
import type { RequestFacts } from './request-facts';
import { backoffDelay, classifyFailure, RATE_LIMITS_PER_KEY } from './retry-policy';
import type { RoutingState } from './routing-state';
import { AttemptCancel } from '../upstream/attempt-cancel';

/** The parts of the request's trace that routing writes. */
export interface RouteTrace {
  attempts: AttemptRecord[];
  target: string | null;
  upstreamMs: number;
  ttfbMs: number | null;
  usage?: unknown;
  /** Set by routing for the attempt under way; the deliverer calls it when the first byte reaches the client. */
  onFirstByte?: () => void;
  /** Milliseconds since the request arrived. */
  elapsedMs(): number;
}

export interface AttemptCalls<R> {
  /** Sends the request to `target` with `account`'s key; resolves on a 2xx response head, throws a GatewayError otherwise. */
  send(target: Target, account: Account, cancel: AttemptCancel): Promise<R>;
  /** Answers the client from the response; throws on failure (after `committed()` the stream was already ended with an error event). */
  deliver(result: R, target: Target): Promise<number>;
  /** Whether any byte has reached the client. */
  committed(): boolean;
  /** The upstream status of a sent result, for the attempt record. */
  statusOf(result: R): number;
}

export interface RouteRun {
  state: RoutingState;
  runtime: Runtime;
  route: ResolvedRoute;
  facts: Pick<RequestFacts, 'estimatedPromptTokens' | 'maxOutputTokens'>;
  stream: boolean;
  trace: RouteTrace;
  /** Whether the client is still there (absent: it always is). */
  client?: ClientPresence;
}

/**
 * The client's connection, as routing sees it: `gone` once it has left, and `onLeave`, which the
 * one attempt or pause under way sets to be told at once. A plain object rather than an
 * AbortSignal, which costs a few microseconds to create on every request.
 */
export interface ClientPresence {
  gone: boolean;
  onLeave?: () => void;
}

type Outcome = { ok: true; status: number } | { ok: false; error: GatewayError; committed: boolean };

export async function runRoute<R>(run: RouteRun, calls: AttemptCalls<R>): Promise<number> {
  const { state, runtime, route, trace, client } = run;
  const settings = runtime.routing;
  const clock = state.clock;
  const deadline = clock.now() + settings.deadlineMs;
  const order = orderTargets(route.strategy, route.targets, strategyContext({ runtime, latency: state.latency, facts: run.facts, stream: run.stream, random: state.random, now: clock.now }));
  let made = 0;
  let lastError: GatewayError | undefined;
  // Of the targets skipped unasked (breaker open, every key cooling), the one free again soonest:
  // its Retry-After is the earliest the client can be served.
  let unavailable: GatewayError | undefined;
  const skipUnavailable = (error: GatewayError) => {
    if (!unavailable || (error.retryAfter ?? Infinity) < (unavailable.retryAfter ?? Infinity)) unavailable = error;
  };

  const wait = async (ms: number) => {
    const before = trace.elapsedMs();
    // A pause (rare: retries only) is cut short when the client leaves.
    const leave = new AbortController();
    if (client?.gone) leave.abort();
    else if (client) client.onLeave = () => leave.abort();
    await clock.sleep(ms, leave.signal);
    if (client) client.onLeave = undefined;
    // Time spent waiting on an upstream's behalf is not gateway overhead.
    trace.upstreamMs += trace.elapsedMs() - before;
  };
  const pastDeadline = () => new GatewayError('upstream_timeout', `no target of "${route.name}" answered within the ${settings.deadlineMs} ms deadline${lastError ? ` (last error: ${lastError.message})` : ''}`, { code: 'deadline_exceeded' });

  const putsOffCooling = putsOffCoolingTargets(route.strategy);
  // Targets put off while every key of theirs rests, come back to after the others.
  const waiting: TargetVisit[] = [];
  // Providers whose stored keys were looked up again after a refusal: each as configured then.
  let rechecked: Map<string, ProviderRuntime | undefined> | undefined;

  targets: for (let at = 0; at < order.length + waiting.length; at++) {
    const visit = at < order.length ? firstVisit(order[at]!) : waiting[at - order.length]!;
    const { excluded, limitedTries } = visit;
    for (;;) {
      if (rechecked) takeRenewedKeys(visit, rechecked);
      const target = visit.target;
      if (client?.gone) throw clientClosed();
      if (made >= settings.maxAttempts) break targets;
      if (clock.now() >= deadline) throw pastDeadline();
      const pick = state.accounts.pick(target.provider.id, target.provider.accounts, clock.now(), excluded);
      if (pick.kind === 'none') {
        if (pick.reason === 'circuit_open') skipUnavailable(circuitOpen(target, pick.retryInMs));
        // Every key left was refused: it may have been rotated in the key store since it was loaded.
        const providerId = target.provider.id;
        if ((pick.reason === 'key_refused' || visit.keyRefused) && state.recheckKeys && !rechecked?.has(providerId)) {
          (rechecked ??= new Map()).set(providerId, await state.recheckKeys(providerId));
          if (takeRenewedKeys(visit, rechecked)) continue;
        }
        if (pick.reason === 'key_refused') skipUnavailable(keysRefused(target));
        continue targets;
      }
      if (pick.kind === 'wait') {
        if (pick.waitMs > settings.retryAfterCapMs || clock.now() + pick.waitMs >= deadline) {
          skipUnavailable(new GatewayError('rate_limited', `every key of ${target.provider.id} is rate limited`, { retryAfter: pick.waitMs / 1000, code: 'rate_limited' }));
          continue targets;
        }
        // Any target that can answer now serves as well as this one: try them first, and wait for
        // this one only once none could.
        if (putsOffCooling && !visit.putOff) {
          putOff(waiting, visit, clock.now() + pick.waitMs);
          continue targets;
        }
        await wait(pick.waitMs);
        continue;
      }
      const lease: AccountLease = pick;
      const account = lease.account;
      made++;
      visit.tries++;
      const outcome = await attemptOnce(run, calls, target, lease, deadline);
      if (outcome.ok) return outcome.status;
      const error = outcome.error;
      lastError = error;
      if (client?.gone) throw clientClosed();
      if (outcome.committed) throw error;
      const action = classifyFailure(error);
      if (action === 'stop') throw error;
      if (action === 'next_target') continue targets;
      if (action === 'next_account') {
        // A refused key says nothing about the target: switching keys is not a retry.
        visit.tries--;
        visit.keyRefused = true;
        excluded.add(account.id);
        continue;
      }
      if (action === 'rate_limited') {
        visit.tries--;
        const retryAfterMs = error.retryAfter !== undefined ? error.retryAfter * 1000 : settings.rateLimitCooldownMs;
        state.accounts.coolDown(lease, clock.now() + retryAfterMs);
        // A 429 that said nothing of when to come back: the client is told how long the key now rests.
        if (error.retryAfter === undefined) lastError = withRetryAfter(error, retryAfterMs / 1000);
        const limited = (limitedTries.get(account.id) ?? 0) + 1;
        limitedTries.set(account.id, limited);
        // A Retry-After beyond the cap, or a key that keeps refusing, is out for this request.
        if (retryAfterMs > settings.retryAfterCapMs || limited >= RATE_LIMITS_PER_KEY) excluded.add(account.id);
        continue;
      }
      if (visit.tries >= route.retry.attempts) continue targets;
      let delay = backoffDelay(route.retry, visit.tries, state.random);
      if (error.retryAfter !== undefined) {
        // An overloaded upstream (503 + Retry-After) asked for a pause: honour it up to the cap, else move on.
        if (error.retryAfter * 1000 > settings.retryAfterCapMs) continue targets;
        delay = Math.max(delay, error.retryAfter * 1000);
      }
      // No time left to wait for this target: another may still answer at once.
      if (clock.now() + delay >= deadline) continue targets;
      await wait(delay);
    }
  }
  throw lastError ?? unavailable ?? new GatewayError('not_found', `route "${route.name}" has no targets`);
}

/** One target of the route and what this request has learnt of it so far. */
interface TargetVisit {
  target: Target;
  /** Keys out for this request (refused, over the Retry-After cap, or 429 twice). */
  excluded: Set<string>;
  limitedTries: Map<string, number>;
  /** Attempts that count against `retry.attempts`. */
  tries: number;
  /** Put off once already, while every key of it was resting after a 429. */
  putOff: boolean;
  /** When its first key is free again. */
  freeAt: number;
  /** The provider refused a key in this request. */
  keyRefused: boolean;
}

function firstVisit(target: Target): TargetVisit {
  return { target, excluded: new Set(), limitedTries: new Map(), tries: 0, putOff: false, freeAt: 0, keyRefused: false };
}

/**
 * Moves the visit to its provider as reloaded after a refusal, when that holds other keys (rotated
 * with `switchyard keys set`): the visit goes on as a request arriving after the reload would.
 */
function takeRenewedKeys(visit: TargetVisit, rechecked: ReadonlyMap<string, ProviderRuntime | undefined>): boolean {
  const provider = rechecked.get(visit.target.provider.id);
  const before = visit.target.provider.accounts;
  if (!provider || provider === visit.target.provider) return false;
  if (provider.accounts.length === before.length && provider.accounts.every((a, i) => a.secret === before[i]!.secret)) return false;
  visit.target = { ...visit.target, provider };
  visit.excluded.clear();
  visit.keyRefused = false;
  return true;
}

/**
 * Puts `visit` among the targets come back to once every other was tried, the one free soonest
 * first. Only first visits put off, so `waiting` is not yet being walked while it grows.
 */
function putOff(waiting: TargetVisit[], visit: TargetVisit, freeAt: number): void {
  visit.putOff = true;
  visit.freeAt = freeAt;
  const later = waiting.findIndex((other) => other.freeAt > freeAt);
  waiting.splice(later < 0 ? waiting.length : later, 0, visit);
}

async function attemptOnce<R>(run: RouteRun, calls: AttemptCalls<R>, target: Target, lease: AccountLease, deadline: number): Promise<Outcome> {
  const { state, trace, client } = run;
  const clock = state.clock;
  const cancel = new AttemptCancel();
  const budgetMs = Math.max(0, Math.min(target.provider.timeoutMs, deadline - clock.now()));
  let timedOut: 'first-byte' | 'deadline' | undefined;
  let headed = false;
  // The timeout covers the wait for the first byte: a stream that is already flowing is not cut.
  // A JSON answer reaches the client only whole, so once its head is in, its body has until the
  // route's deadline. One timer serves both: it is re-armed only when a body outlasts timeoutMs.
  const onTimer = () => {
    if (calls.committed()) return;
    if (headed && !run.stream) {
      const left = deadline - clock.now();
      if (left > 0) {
        cancelTimer = clock.after(left, onTimer);
        return;
      }
      timedOut = 'deadline';
    } else timedOut = 'first-byte';
    cancel.abort();
  };
  let cancelTimer = clock.after(budgetMs, onTimer);
  if (client) client.onLeave = () => cancel.abort();
  const started = trace.elapsedMs();
  const upstreamBefore = trace.upstreamMs;
  let status: number | null = null;
  let headAt: number | null = null;
  trace.target = target.ref;
  try {
    const result = await calls.send(target, lease.account, cancel);
    status = calls.statusOf(result);
    headAt = trace.elapsedMs();
    headed = true;
    // A stream may run for minutes: a half-open probe has done its job once its answer starts.
    trace.onFirstByte = () => state.accounts.recordAnswering(lease, clock.now());
    const answered = await calls.deliver(result, target);
    const latencyMs = trace.elapsedMs() - started;
    trace.attempts.push({ target: target.ref, status, latencyMs: round(latencyMs), error: null });
    if (client?.gone) {
      state.accounts.release(lease);
    } else {
      state.accounts.recordSuccess(lease, clock.now());
      const firstByte = run.stream && trace.ttfbMs !== null ? trace.ttfbMs - started : headAt - started;
      state.latency.record(target.ref, { latencyMs, ttfbMs: Math.max(0, firstByte) }, clock.now());
    }
    return { ok: true, status: answered };
  } catch (err) {
    const committed = calls.committed();
    let error = toGatewayError(err);
    if (timedOut === 'first-byte' && !committed) {
      error = new GatewayError('upstream_timeout', `${target.ref} sent no first byte within ${round(budgetMs)} ms`, { cause: err });
    } else if (timedOut === 'deadline' && !committed) {
      error = new GatewayError('upstream_timeout', `${target.ref} did not finish its answer within the ${run.runtime.routing.deadlineMs} ms deadline`, { code: 'deadline_exceeded', cause: err });
    }
    const elapsed = trace.elapsedMs() - started;
    trace.attempts.push({ target: target.ref, status: error.upstreamStatus ?? status, latencyMs: round(elapsed), error: error.kind });
    if (!committed) {
      // Nothing reached the client: this attempt's time was all upstream, and its partial answer is void.
      trace.upstreamMs = upstreamBefore + elapsed;
      trace.target = null;
      trace.usage = undefined;
    }
    chargeAccount(run, target, lease, error, committed, elapsed);
    return { ok: false, error, committed };
  } finally {
    cancelTimer();
    trace.onFirstByte = undefined;
    if (client) client.onLeave = undefined;
  }
}

/** Tells the breaker and the latency averages what this failure says about the account and target. */
function chargeAccount(run: RouteRun, target: Target, lease: AccountLease, error: GatewayError, committed: boolean, elapsedMs: number): void {
  const { state } = run;
  const now = state.clock.now();
  if (run.client?.gone) return state.accounts.release(lease);
  // A stream that broke after its first byte counts against the upstream; our own bug ('internal',
  // classified 'stop') says nothing about it.
  const action = committed && error.kind !== 'internal' ? 'retry' : classifyFailure(error);
  switch (action) {
    case 'retry':
      state.accounts.recordFailure(lease, now);
      state.latency.recordFailure(target.ref, elapsedMs, now);
      return;
    case 'next_account':
      // A 403 may deny one model or resource only (Anthropic's permission_error): the key counts a
      // failure. A 401, an invalid Google key or an account out of credit is the key itself: it is
      // out for every target of its provider.
      if (error.upstreamStatus === 403) return state.accounts.recordFailure(lease, now);
      return state.accounts.refuse(lease, now);
    case 'rate_limited':
    case 'next_target':
      return state.accounts.release(lease);
    case 'stop':
      // The upstream answered properly (the request was at fault): the account is healthy.
      if (error.upstreamStatus !== undefined) return state.accounts.recordSuccess(lease, now);
      return state.accounts.release(lease);
  }
}

function circuitOpen(target: Target, retryInMs: number | null): GatewayError {
  return new GatewayError('upstream_unreachable', `${target.ref} is unavailable: its circuit breaker is open after repeated failures`, {
    status: 503,
    code: 'circuit_open',
    retryAfter: retryInMs === null ? undefined : Math.ceil(retryInMs / 1000),
  });
}

/** Every key left was refused by the provider earlier: a 502 as for a refusal seen now, with no Retry-After (waiting will not fix a key). */
function keysRefused(target: Target): GatewayError {
  return new GatewayError('upstream_error', `provider "${target.provider.id}" refused the key Switchyard holds for it; set a working key (config, dashboard or \`switchyard keys set\`)`, {
    status: 502,
    code: 'upstream_key_refused',
  });
}

function clientClosed(): GatewayError {
  return new GatewayError('invalid_request', 'the client closed the connection', { status: 499, code: 'client_closed' });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
