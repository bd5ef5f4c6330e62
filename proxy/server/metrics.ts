// Prometheus metrics for /metrics: cheap counters and histograms updated once per request.

import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics';
import type { RequestRecord, StoreBacklog } from '../store/store';
import type { Gateway } from '../gateway/gateway';
import type { BudgetScope } from '../spend/budget-ledger';
import { budgetScope, globalScope, providerScope } from '../spend/budget-scopes';

const BREAKER_STATES = ['closed', 'half_open', 'open'] as const;
const STATUS_CLASS = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'];
const NO_LABELS: string[] = [];

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new FastCounter('switchyard_requests_total', 'Requests handled, by client format, target, client and status class.', ['format', 'target', 'client', 'status'], this.registry);
  private readonly errors = new FastCounter('switchyard_errors_total', 'Requests that failed, by target (none when no upstream answered), client and error kind.', ['target', 'client', 'kind'], this.registry);
  private readonly attempts = new FastCounter('switchyard_upstream_attempts_total', 'Upstream attempts, by target and outcome (ok or an error class).', ['target', 'outcome'], this.registry);
  private readonly latency = new FastHistogram('switchyard_request_duration_seconds', 'End-to-end request latency, by target and client.', ['target', 'client'], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], this.registry);
  private readonly overhead = new FastHistogram('switchyard_overhead_seconds', 'Time spent inside Switchyard per request, upstream wait excluded.', [], [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05], this.registry);
  private readonly tokens = new FastCounter('switchyard_tokens_total', 'Provider-reported tokens, by target, client and kind.', ['target', 'client', 'kind'], this.registry);
  private readonly cost = new FastCounter('switchyard_cost_usd_total', 'Priced spend in USD (requests with unknown cost excluded).', ['target', 'client'], this.registry);
  private readonly unknownCost = new FastCounter('switchyard_unknown_cost_requests_total', 'Successful requests whose cost is unknown (no usage or no price).', ['target'], this.registry);

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_process_' });
  }

  observe(r: RequestRecord): void {
    const target = r.target ?? 'none';
    const client = r.client ?? 'anonymous';
    this.requests.inc([r.format, target, client, STATUS_CLASS[Math.floor(r.status / 100)] ?? 'other']);
    if (r.error !== null) this.errors.inc([target, client, r.error.slice(0, Math.max(0, r.error.indexOf(':'))) || 'error']);
    for (const a of r.attempts) this.attempts.inc([a.target, a.error ?? 'ok']);
    this.latency.observe([target, client], r.latencyMs / 1000);
    this.overhead.observe(NO_LABELS, r.overheadMs / 1000);
    if (r.inputTokens !== null) this.tokens.inc([target, client, 'input'], r.inputTokens);
    if (r.outputTokens !== null) this.tokens.inc([target, client, 'output'], r.outputTokens);
    if (r.cachedTokens) this.tokens.inc([target, client, 'cached_input'], r.cachedTokens);
    if (r.costUsd !== null) this.cost.inc([target, client], r.costUsd);
    else if (r.status < 300 && r.target) this.unknownCost.inc([target]);
  }

  private watched = false;

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
    const store = gateway.store;
    if (store.backlog) {
      // Team mode: an alert on reachable == 0 or pending rows > 0 sees a Postgres outage as it happens.
      const backlog = store.backlog.bind(store);
      const gauges: Array<[string, string, (b: StoreBacklog) => number]> = [
        ['switchyard_store_reachable', 'Whether the request log is written to the database (1), or to the local journal because it is unreachable (0).', (b) => (b.reachable ? 1 : 0)],
        ['switchyard_store_pending_rows', 'Rows waiting in the local journal for the database.', (b) => b.pendingRows],
        ['switchyard_store_dropped_rows', 'Rows dropped since start because the journal was full.', (b) => b.droppedRows],
        ['switchyard_store_refused_rows', 'Rows the database refused since start (set aside in the rejected file, not retried).', (b) => b.refusedRows],
      ];
      for (const [name, help, value] of gauges) {
        new Gauge({
          name,
          help,
          registers: [this.registry],
          collect() {
            this.set(value(backlog()));
          },
        });
      }
    }
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
        // A budget whose spend cannot be read now (its window not loaded while the database is away)
        // is left out of this scrape; failing the scrape would blind monitoring during the outage.
        const usages = await Promise.all(scopes.map((scope) => gateway.spend.ledger.usage(scope, now).catch(() => undefined)));
        scopes.forEach((scope, i) => {
          const usage = usages[i];
          if (usage) this.set({ scope: scope.kind, name: scope.name, period: scope.period }, Math.max(0, scope.limitUsd - usage.spentUsd - usage.reservedUsd));
        });
      },
    });
  }
}
