// Prometheus metrics for /metrics: cheap counters and histograms updated once per request.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestRecord } from '../store/store';
import type { Gateway } from '../gateway/gateway';
import type { BudgetScope } from '../spend/budget-ledger';
import { budgetScope, globalScope, providerScope } from '../spend/budget-scopes';

const BREAKER_STATES = ['closed', 'half_open', 'open'] as const;

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'switchyard_requests_total', help: 'Requests handled, by client format, target, client and status class.', labelNames: ['format', 'target', 'client', 'status'] as const, registers: [this.registry] });
  private readonly attempts = new Counter({ name: 'switchyard_upstream_attempts_total', help: 'Upstream attempts, by target and outcome (ok or an error class).', labelNames: ['target', 'outcome'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({ name: 'switchyard_request_duration_seconds', help: 'End-to-end request latency.', labelNames: ['target'] as const, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers: [this.registry] });
  private readonly overhead = new Histogram({ name: 'switchyard_overhead_seconds', help: 'Time spent inside Switchyard per request, upstream wait excluded.', buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05], registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'switchyard_tokens_total', help: 'Provider-reported tokens, by target, client and kind.', labelNames: ['target', 'client', 'kind'] as const, registers: [this.registry] });
  private readonly cost = new Counter({ name: 'switchyard_cost_usd_total', help: 'Priced spend in USD (requests with unknown cost excluded).', labelNames: ['target', 'client'] as const, registers: [this.registry] });
  private readonly unknownCost = new Counter({ name: 'switchyard_unknown_cost_requests_total', help: 'Successful requests whose cost is unknown (no usage or no price).', labelNames: ['target'] as const, registers: [this.registry] });

  private watched = false;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_process_' });
  }

  /**
   * Breaker states and budgets remaining, read from the gateway when /metrics is scraped (never on
   * the request path).
   */
  watch(gateway: Gateway): void {
    if (this.watched) return;
    this.watched = true;
    new Gauge({
      name: 'switchyard_breaker_state',
      help: 'Circuit breaker state per provider account: 1 for the current state (closed, half_open or open), 0 for the others.',
      labelNames: ['provider', 'account', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const view of gateway.routing.breakers(gateway.runtime)) {
          for (const state of BREAKER_STATES) this.set({ provider: view.provider, account: view.account, state }, view.state === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'switchyard_budget_remaining_usd',
      help: 'Budget left in the current period (limit minus spent minus held by requests in flight), by scope.',
      labelNames: ['scope', 'name', 'period'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const config = gateway.runtime.config;
        const scopes: BudgetScope[] = [];
        const global = globalScope(config);
        if (global) scopes.push(global);
        for (const provider of config.providers) {
          const scope = providerScope(config, provider.id);
          if (scope) scopes.push(scope);
        }
        for (const client of gateway.spend.clients.byName.values()) if (client.budget) scopes.push(budgetScope('client', client.name, client.budget));
        const now = Date.now();
        for (const scope of scopes) {
          const usage = await gateway.spend.ledger.usage(scope, now);
          this.set({ scope: scope.kind, name: scope.name, period: scope.period }, Math.max(0, scope.limitUsd - usage.spentUsd - usage.reservedUsd));
        }
      },
    });
  }

  observe(r: RequestRecord): void {
    const target = r.target ?? 'none';
    const client = r.client ?? 'anonymous';
    this.requests.inc({ format: r.format, target, client, status: `${Math.floor(r.status / 100)}xx` });
    for (const a of r.attempts) this.attempts.inc({ target: a.target, outcome: a.error ?? 'ok' });
    this.latency.observe({ target }, r.latencyMs / 1000);
    this.overhead.observe(r.overheadMs / 1000);
    if (r.inputTokens !== null) this.tokens.inc({ target, client, kind: 'input' }, r.inputTokens);
    if (r.outputTokens !== null) this.tokens.inc({ target, client, kind: 'output' }, r.outputTokens);
    if (r.cachedTokens) this.tokens.inc({ target, client, kind: 'cached_input' }, r.cachedTokens);
    if (r.costUsd !== null) this.cost.inc({ target, client }, r.costUsd);
    else if (r.status < 300 && r.target) this.unknownCost.inc({ target });
  }
}
