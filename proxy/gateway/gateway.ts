// The gateway's live state: the runtime built from config, the store, the upstream client, and
// the operations the HTTP surfaces and the desktop app call. One instance per server.

import type { Config } from '../config/schema';
import type { GatewayError } from '../errors';
import type { Usage } from '../formats/canonical';
import { priceUsage } from '../spend/price-usage';
import type { RequestRecord, Store } from '../store/store';
import { UpstreamClient } from '../upstream/upstream-client';
import type { RequestTrace } from '../pipeline/request-trace';
import { round } from '../pipeline/handle-generate';
import { buildRuntime, type Runtime } from './runtime';
import type { Logger } from '../server/logger';
import { GatewayMetrics } from '../server/metrics';

export interface GatewayOptions {
  config: Config;
  store: Store;
  logger: Logger;
  /** True when the server listens on loopback only: then requests need no key if no clients exist. */
  loopbackOnly: boolean;
  activeProfile?: string | null;
  upstream?: UpstreamClient;
}

export const PROFILE_SETTING = 'active_profile';

export class Gateway {
  runtime: Runtime;
  readonly store: Store;
  readonly upstream: UpstreamClient;
  readonly log: Logger;
  readonly openWithoutKeys: boolean;
  readonly maxUpstreamBodyBytes = 64 * 1024 * 1024;
  readonly metrics = new GatewayMetrics();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: GatewayOptions) {
    this.store = options.store;
    this.log = options.logger;
    this.openWithoutKeys = options.loopbackOnly;
    this.upstream = options.upstream ?? new UpstreamClient();
    this.runtime = buildRuntime(options.config, options.activeProfile ?? null);
  }

  get maxBodyBytes(): number {
    return this.runtime.config.maxBodyBytes ?? 20 * 1024 * 1024;
  }

  /** Applies a new config (reload or admin edit); the next request sees it. */
  applyConfig(config: Config): void {
    this.runtime = buildRuntime(config, this.runtime.activeProfile);
  }

  profiles(): { active: string | null; profiles: string[] } {
    return { active: this.runtime.activeProfile, profiles: this.runtime.config.profiles.map((p) => p.name) };
  }

  async setProfile(name: string | null): Promise<void> {
    this.runtime = buildRuntime(this.runtime.config, name);
    await this.store.setSetting(PROFILE_SETTING, name);
  }

  costOf(targetRef: string, usage: Usage | undefined): number | null {
    const slash = targetRef.indexOf('/');
    return priceUsage(usage, this.runtime.priceBook.priceOf(targetRef.slice(0, slash), targetRef.slice(slash + 1)));
  }

  /** Writes the request to the log (batched) — also for failed requests. */
  record(trace: RequestTrace, format: string, status: number, failure?: GatewayError): void {
    const usage = trace.usage;
    const record: RequestRecord = {
      id: trace.id,
      startedAt: trace.startedAt,
      client: trace.client,
      model: trace.model,
      target: trace.target,
      format,
      stream: trace.stream,
      status,
      inputTokens: usage?.inputTokens ?? null,
      outputTokens: usage?.outputTokens ?? null,
      cachedTokens: usage ? (usage.cachedInputTokens ?? 0) : null,
      cacheWriteTokens: usage ? (usage.cacheWriteTokens ?? 0) : null,
      reasoningTokens: usage ? (usage.reasoningTokens ?? 0) : null,
      costUsd: trace.costUsd,
      latencyMs: round(trace.elapsedMs()),
      overheadMs: round(trace.overheadMs()),
      ttfbMs: trace.ttfbMs === null ? null : round(trace.ttfbMs),
      error: failure ? `${failure.kind}: ${failure.message}`.slice(0, 1000) : null,
      attempts: trace.attempts,
    };
    this.store.recordRequest(record);
    this.metrics.observe(record);
  }

  /** Counts a request in flight, so shutdown can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    return work.finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    });
  }

  /** Resolves when no request is in flight, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    await this.upstream.close();
    await this.store.close();
  }
}
