// Prometheus metrics for /metrics: cheap counters and histograms updated once per request.

import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestRecord } from '../store/store';

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'switchyard_requests_total', help: 'Requests handled, by client format, target, client and status class.', labelNames: ['format', 'target', 'client', 'status'] as const, registers: [this.registry] });
  private readonly attempts = new Counter({ name: 'switchyard_upstream_attempts_total', help: 'Upstream attempts, by target and outcome (ok or an error class).', labelNames: ['target', 'outcome'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({ name: 'switchyard_request_duration_seconds', help: 'End-to-end request latency.', labelNames: ['target'] as const, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers: [this.registry] });
  private readonly overhead = new Histogram({ name: 'switchyard_overhead_seconds', help: 'Time spent inside Switchyard per request, upstream wait excluded.', buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05], registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'switchyard_tokens_total', help: 'Provider-reported tokens, by target, client and kind.', labelNames: ['target', 'client', 'kind'] as const, registers: [this.registry] });
  private readonly cost = new Counter({ name: 'switchyard_cost_usd_total', help: 'Priced spend in USD (requests with unknown cost excluded).', labelNames: ['target', 'client'] as const, registers: [this.registry] });
  private readonly unknownCost = new Counter({ name: 'switchyard_unknown_cost_requests_total', help: 'Successful requests whose cost is unknown (no usage or no price).', labelNames: ['target'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_process_' });
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
