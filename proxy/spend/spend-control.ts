// Spend control on the request path: which keys exist, what each may call, how fast, and how much
// it may spend. `admit` runs before any upstream call; `finish` runs once the request is over.

import type { Config } from '../config/schema';
import { GatewayError } from '../errors';
import type { ClientFormatName } from '../formats/canonical';
import type { ResolvedRoute, Runtime, Target } from '../gateway/runtime';
import type { RequestTrace } from '../pipeline/request-trace';
import type { Logger } from '../server/logger';
import { StoreUnavailableError, type ApiClientRecord, type NewEvent, type Store } from '../store/store';
import { thresholdEvents, exceededEvent, priceUnknownEvent } from './budget-alerts';
import type { BudgetHold, BudgetLedger, BudgetScope, ReserveResult } from './budget-ledger';
import { windowOf } from './budget-period';
import { clientScope, describeScope, globalScope, providerScope } from './budget-scopes';
import { ClientDirectory, type GatewayClient } from './client-directory';
import { MemoryBudgetLedger } from './memory-budget-ledger';
import { priceUsage } from './price-usage';
import { RateLimiter } from './rate-limiter';
import { sharedStateUnavailable } from './redis-unavailable';
import type { RateLimits, RateTicket } from './rate-limits';
import { isPlausibleUsage } from './plausible-usage';
import { DEFAULT_MAX_TOKENS, estimateInputTokens, maxTokensFromBody, worstCaseUsd } from './worst-case-cost';

export interface SpendControlDeps {
  store: Store;
  log: Logger;
  now?: () => number;
  /** Defaults to the in-process ledger over the store's request log. */
  ledger?: BudgetLedger;
  /** Defaults to the in-process limiter; team mode passes one shared through Redis. */
  rates?: RateLimits;
}

export interface AdmitInput {
  runtime: Runtime;
  client: GatewayClient | null;
  route: ResolvedRoute;
  format: ClientFormatName | 'openai-embeddings';
  body: Record<string, unknown>;
  bodyBytes: number;
  /** The decoded request's output cap, when the format decoder filled it. */
  maxTokens?: number;
}

/** What `admit` let through and holds; hand it to `finish` exactly once. */
export interface Admission {
  /** The route's targets minus those whose provider budget refused the request, in route order. */
  targets: Target[];
  holds: BudgetHold[];
  /** Worst-case cost per provider id, charged when an answered request reports no usage. */
  worstByProvider: Map<string, number>;
  ticket?: RateTicket;
}

type Refusal = Extract<ReserveResult, { ok: false }>;

const MAX_REMEMBERED_EVENTS = 10_000;

export class SpendControl {
  clients: ClientDirectory;
  readonly ledger: BudgetLedger;
  readonly rates: RateLimits;
  private readonly store: Store;
  private readonly log: Logger;
  private readonly now: () => number;
  private configClients: Config['clients'];
  private apiClients: ApiClientRecord[] = [];
  private loadsStarted = 0;
  private loadApplied = 0;
  /** Dedupe keys already written, so a refused burst costs no database writes. */
  private readonly emitted = new Set<string>();

  constructor(deps: SpendControlDeps, config: Config) {
    this.store = deps.store;
    this.log = deps.log;
    this.now = deps.now ?? Date.now;
    this.ledger = deps.ledger ?? new MemoryBudgetLedger((scope, from, to) => spentInScope(deps.store, scope, from, to));
    this.rates = deps.rates ?? new RateLimiter(this.now);
    this.configClients = config.clients;
    this.clients = ClientDirectory.build(config.clients, []);
  }

  /** Reads the API-created keys; call once before serving. */
  async loadClients(): Promise<void> {
    // Loads may overlap (an admin change and team mode's periodic re-read): a read that started
    // earlier never replaces what a later one already applied.
    const seq = ++this.loadsStarted;
    const apiClients = await this.store.listApiClients();
    if (seq < this.loadApplied) return;
    this.loadApplied = seq;
    this.apiClients = apiClients;
    this.clients = ClientDirectory.build(this.configClients, this.apiClients);
  }

  applyConfig(config: Config): void {
    this.configClients = config.clients;
    this.clients = ClientDirectory.build(config.clients, this.apiClients);
  }

  /** Keys added or revoked through the admin API take effect from the next request. */
  async reloadClients(): Promise<void> {
    await this.loadClients();
  }

  /**
   * Allowed model → rate limit → budgets, before any upstream call. Throws `forbidden`,
   * `rate_limited` or `budget_exceeded` (402) in that order; otherwise holds the worst case.
   * A request the budgets refuse gives its rate-limit slot back: it never ran. (Taking the slot
   * first and returning it errs towards a brief extra 429 under a burst, which a client retries;
   * checking budgets first would hold budget for requests the rate limit then refuses, a 402.)
   */
  async admit(input: AdmitInput): Promise<Admission> {
    const { runtime, client, route } = input;
    if (client?.matcher && !client.matcher.allows(route.name, route.targets.map((t) => t.ref))) {
      throw new GatewayError('forbidden', `gateway key "${client.name}" may not use model "${route.name}"`, { code: 'model_not_allowed' });
    }
    const ticket = client?.rateLimit ? await this.rates.admit(client.name, client.rateLimit, estimateInputTokens(input.bodyBytes)) : undefined;
    const admission: Admission = { targets: route.targets, holds: [], worstByProvider: new Map(), ticket };
    const main = [clientScope(client), globalScope(runtime.config)].filter((s): s is BudgetScope => s !== undefined);
    const hasProviderBudget = route.targets.some((t) => providerScope(runtime.config, t.provider.id) !== undefined);
    if (main.length === 0 && !hasProviderBudget) return admission;

    const at = this.now();
    const outputTokens = input.maxTokens ?? maxTokensFromBody(input.format, input.body) ?? runtime.config.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    const bound = { inputTokens: input.bodyBytes, outputTokens };
    const worst = new Map<Target, number>();
    for (const target of route.targets) {
      const price = runtime.priceBook.priceOf(target.provider.id, target.model);
      // Unknown price: admitted with a recorded warning rather than refused (README "Budgets").
      if (!price) this.emit(priceUnknownEvent(target.ref, windowOf('day', at).key, at));
      const usd = price ? worstCaseUsd(price, bound) : 0;
      worst.set(target, usd);
      admission.worstByProvider.set(target.provider.id, Math.max(usd, admission.worstByProvider.get(target.provider.id) ?? 0));
    }

    try {
      let targets = route.targets;
      let providerRefusal: Refusal | undefined;
      for (const [providerId, usd] of admission.worstByProvider) {
        const scope = providerScope(runtime.config, providerId);
        if (!scope) continue;
        const result = await this.ledger.reserve([{ scope, usd }], at);
        if (result.ok) admission.holds.push(result.hold);
        else {
          providerRefusal ??= result;
          targets = targets.filter((t) => t.provider.id !== providerId);
        }
      }
      if (targets.length === 0) throw this.refuse(providerRefusal!, at);
      admission.targets = targets;
      if (main.length > 0) {
        const usd = Math.max(...targets.map((t) => worst.get(t) ?? 0));
        const result = await this.ledger.reserve(main.map((scope) => ({ scope, usd })), at);
        if (!result.ok) throw this.refuse(result, at);
        admission.holds.push(result.hold);
      }
    } catch (err) {
      for (const hold of admission.holds) this.release(hold);
      if (ticket) await this.releaseTicket(ticket);
      // A budget window not loaded yet is read from the request log: without it nothing is spent unchecked.
      if (err instanceof StoreUnavailableError) throw sharedStateUnavailable('budget', err, 'spend log (Postgres)');
      throw err;
    }
    return admission;
  }

  /** Awaited, so a client told 402 finds its slot free when it asks again; a failure is only logged. */
  private async releaseTicket(ticket: RateTicket): Promise<void> {
    try {
      await this.rates.release(ticket);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'rate limit release failed');
    }
  }

  /**
   * Prices the request (the one place a request's cost is computed; a cache hit arrives already
   * priced at $0), then settles its holds: the real cost when an
   * upstream answered, the worst case when it answered without usage, nothing when none answered.
   */
  finish(admission: Admission | undefined, trace: RequestTrace, runtime: Runtime): void {
    // Before anything reads it (cost, budget, rate limit, log, ledger): impossible counts are no usage.
    if (trace.usage && !isPlausibleUsage(trace.usage)) trace.usage = undefined;
    if (trace.costUsd === null && trace.target && trace.usage) trace.costUsd = costOf(runtime, trace.target, trace);
    if (!admission) return;
    if (admission.ticket) this.rates.settle(admission.ticket, trace.usage ? trace.usage.inputTokens + trace.usage.outputTokens : undefined);
    if (admission.holds.length === 0) return;
    const answered = trace.target ? trace.target.slice(0, trace.target.indexOf('/')) : null;
    if (answered === null) {
      for (const hold of admission.holds) this.release(hold);
      return;
    }
    const charged = trace.costUsd ?? (trace.usage ? 0 : (admission.worstByProvider.get(answered) ?? 0));
    const at = this.now();
    for (const hold of admission.holds) {
      this.ledger
        .settle(hold, (scope) => (scope.kind === 'provider' && scope.name !== answered ? 0 : charged))
        .then((settlements) => thresholdEvents(settlements, at).forEach((e) => this.emit(e)))
        .catch((err) => this.log.error({ err }, 'budget settle failed'));
    }
  }

  /**
   * Gives a hold back off the request's path. A shared ledger may be unreachable by now (Redis gone
   * mid-request): its holds expire on their own, so the failure is logged, never thrown — a
   * rejection nobody awaits would end the process.
   */
  private release(hold: BudgetHold): void {
    this.ledger.release(hold).catch((err) => this.log.error({ err }, 'budget release failed'));
  }

  /** Records an event once per dedupe key; never on the request's critical path. */
  emit(event: NewEvent): void {
    if (event.dedupeKey) {
      if (this.emitted.has(event.dedupeKey)) return;
      if (this.emitted.size >= MAX_REMEMBERED_EVENTS) this.emitted.clear();
      this.emitted.add(event.dedupeKey);
    }
    if (event.kind !== 'budget_threshold') this.log.warn({ kind: event.kind, scope: event.scope, name: event.name }, event.message);
    this.store.addEvent(event).catch((err) => this.log.error({ err }, 'could not record event'));
  }

  private refuse(refusal: Refusal, at: number): GatewayError {
    const window = windowOf(refusal.scope.period, at);
    this.emit(exceededEvent(refusal.scope, window.key, refusal.spentUsd, at));
    const spent = `$${refusal.spentUsd.toFixed(4)} spent`;
    const detail = refusal.spentUsd >= refusal.scope.limitUsd
      ? spent
      : `${spent}, $${refusal.reservedUsd.toFixed(4)} held by requests in flight, and this request may cost up to $${refusal.requestedUsd.toFixed(4)}`;
    return new GatewayError('budget_exceeded', `the ${describeScope(refusal.scope)} does not cover this request: ${detail} (${window.key})`, { code: 'budget_exceeded' });
  }
}

function costOf(runtime: Runtime, targetRef: string, trace: RequestTrace): number | null {
  const slash = targetRef.indexOf('/');
  return priceUsage(trace.usage, runtime.priceBook.priceOf(targetRef.slice(0, slash), targetRef.slice(slash + 1)));
}

export function spentInScope(store: Store, scope: BudgetScope, from: number, to: number): Promise<number> {
  if (scope.kind === 'client') return store.spentUsd({ from, to, client: scope.name });
  if (scope.kind === 'provider') return store.spentUsd({ from, to, provider: scope.name });
  return store.spentUsd({ from, to });
}
