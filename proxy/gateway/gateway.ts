// The gateway's live state: the runtime built from config, the store, the upstream client, and
// the operations the HTTP surfaces and the desktop app call. One instance per server.

import type { Config } from '../config/schema';
import { GatewayError } from '../errors';
import type { RequestRecord, Store } from '../store/store';
import { UpstreamClient } from '../upstream/upstream-client';
import type { RequestTrace } from '../pipeline/request-trace';
import { round } from '../pipeline/handle-generate';
import { buildRuntime, MAX_MODEL_CHARS, type Runtime } from './runtime';
import { SpendControl, type SpendControlDeps } from '../spend/spend-control';
import { PriceBook } from '../spend/price-book';
import { loadPriceFile, type PriceFile, type PriceFileLocation } from '../spend/price-file';
import { RoutingState, type RoutingStateOptions } from '../routing/routing-state';
import { parseRouteOverrides, ROUTE_OVERRIDES_SETTING, serializeRouteOverrides, withRouteOverride, type RouteOverrides } from '../routing/route-overrides';
import { OPTIMIZE_SWITCHES_SETTING, parseOptimizeSwitches, withOptimizeSwitches, type OptimizeSwitches } from '../optimize/optimize-switches';
import type { RouteBody } from '../config/schema';
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
  /** Where `prices.json` is looked for. */
  dataDir?: string;
  /** The config file's directory: a relative `priceFile` starts there. */
  configDir?: string;
  /** Runtime route edits saved in the store's settings. */
  routeOverrides?: RouteOverrides;
  routing?: RoutingStateOptions;
  /** Team mode: the budget ledger and rate limiter shared through Redis. */
  spend?: Pick<SpendControlDeps, 'ledger' | 'rates'>;
}

/** Where the running config came from and whether the last reload of it worked. */
export interface ConfigStatus {
  path: string | null;
  loadedAt: number;
  lastError: { message: string; at: number } | null;
}

export const PROFILE_SETTING = 'active_profile';
export const PAUSED_SETTING = 'routing_paused';
export class Gateway {
  runtime: Runtime;
  readonly store: Store;
  readonly upstream: UpstreamClient;
  readonly log: Logger;
  readonly openWithoutKeys: boolean;
  /** Breakers, key cooldowns and latency averages: kept across config reloads. */
  readonly routing: RoutingState;
  configStatus: ConfigStatus = { path: null, loadedAt: Date.now(), lastError: null };
  readonly maxUpstreamBodyBytes = 64 * 1024 * 1024;
  readonly metrics = new GatewayMetrics();
  /** Gateway keys, allowed models, rate limits and budgets. */
  readonly spend: SpendControl;
  private readonly priceLocation: PriceFileLocation;
  private priceFile: PriceFile | undefined;
  /** Routing paused from the tray or the admin API: client requests are refused with 503 until resumed. */
  paused = false;
  /** Set from the store at start (before the first request), by setOptimizeSwitches and, in team mode, by the shared-state sync. */
  optimizeSwitches: OptimizeSwitches = {};
  /** Re-reads the config file (set by the server; `force` re-reads unchanged text for new secrets). */
  reloadConfig: (force?: boolean) => Promise<boolean> = async () => false;
  /** Shutdown's grace ran out and the server is closing the connections still open. */
  cuttingConnections = false;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: GatewayOptions) {
    this.store = options.store;
    this.log = options.logger;
    this.openWithoutKeys = options.loopbackOnly;
    this.upstream = options.upstream ?? new UpstreamClient();
    this.priceLocation = { dataDir: options.dataDir, configDir: options.configDir };
    this.priceFile = loadPriceFile({ ...this.priceLocation, priceFile: options.config.priceFile });
    this.runtime = this.build(options.config, options.activeProfile ?? null, options.routeOverrides ?? {});
    this.spend = new SpendControl({ store: this.store, log: this.log, ...options.spend }, options.config);
    this.routing = new RoutingState(this.runtime.routing, {
      onTransition: (account, t) => this.log.warn({ account, from: t.from, to: t.to }, 'circuit breaker changed state'),
      ...options.routing,
    });
  }

  /** The runtime, priced with the price file as well as the built-in table and config. */
  private build(config: Config, activeProfile: string | null, routeOverrides: RouteOverrides): Runtime {
    const runtime = buildRuntime(withOptimizeSwitches(config, this.optimizeSwitches), activeProfile, routeOverrides);
    runtime.priceBook = new PriceBook(config, this.priceFile);
    return runtime;
  }

  get maxBodyBytes(): number {
    return this.runtime.config.maxBodyBytes ?? 20 * 1024 * 1024;
  }

  /** Applies a new config (reload or admin edit); the next request sees it. */
  applyConfig(config: Config): void {
    this.priceFile = loadPriceFile({ ...this.priceLocation, priceFile: config.priceFile });
    this.runtime = this.build(config, this.runtime.activeProfile, this.runtime.routeOverrides);
    this.spend.applyConfig(config);
    this.routing.configure(this.runtime.routing);
  }

  /**
   * The dashboard's compression and cache switches, laid over the config's `optimize` block. Merged
   * into the stored switches in one step, so a switch another instance flipped meanwhile is kept.
   */
  async setOptimizeSwitches(switches: OptimizeSwitches): Promise<void> {
    const stored = await this.store.updateSetting(OPTIMIZE_SWITCHES_SETTING, (text) => JSON.stringify({ ...parseOptimizeSwitches(text), ...switches }));
    this.applyOptimizeSwitches(parseOptimizeSwitches(stored));
  }

  /** Applies switches read from the store (at start, or saved by another instance), without writing them back. */
  applyOptimizeSwitches(switches: OptimizeSwitches): void {
    this.optimizeSwitches = switches;
    this.runtime = this.build(this.runtime.config, this.runtime.activeProfile, this.runtime.routeOverrides);
  }

  /**
   * A runtime route edit (null removes it), effective from the next request and kept across restarts.
   * Laid into the stored edits in one step: in team mode another instance's edit of another route,
   * made a moment ago and not yet read here, is kept, and the later edit of the same route wins.
   * Returns whether the route had an edit before.
   */
  async setRouteOverride(name: string, body: RouteBody | null): Promise<boolean> {
    let edited = false;
    const stored = await this.store.updateSetting(ROUTE_OVERRIDES_SETTING, (text) => {
      const overrides = parseRouteOverrides(text);
      edited = Object.hasOwn(overrides, name);
      return serializeRouteOverrides(withRouteOverride(overrides, name, body));
    });
    this.runtime = this.build(this.runtime.config, this.runtime.activeProfile, parseRouteOverrides(stored ?? undefined));
    return edited;
  }

  /** Team mode: applies a profile, route edits and switches another instance saved, without writing them back. */
  applySharedSettings(activeProfile: string | null, routeOverrides: RouteOverrides, optimizeSwitches: OptimizeSwitches): void {
    this.optimizeSwitches = optimizeSwitches;
    this.runtime = this.build(this.runtime.config, activeProfile, routeOverrides);
  }

  profiles(): { active: string | null; profiles: string[] } {
    return { active: this.runtime.activeProfile, profiles: this.runtime.config.profiles.map((p) => p.name) };
  }

  async setProfile(name: string | null): Promise<void> {
    this.runtime = this.build(this.runtime.config, name, this.runtime.routeOverrides);
    await this.store.setSetting(PROFILE_SETTING, name);
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    await this.store.setSetting(PAUSED_SETTING, paused ? 'true' : null);
  }

  /** Writes the request to the log (batched) — also for failed requests. */
  record(trace: RequestTrace, format: string, status: number, failure?: GatewayError): void {
    // A connection that closed because shutdown's grace ran out was cut by us, not left by the client.
    if (status === 499 && this.cuttingConnections) {
      failure = new GatewayError('unavailable', 'the gateway shut down before the answer finished', { code: 'shutdown' });
      status = failure.status;
    }
    const usage = trace.usage;
    const record: RequestRecord = {
      id: trace.id,
      startedAt: trace.startedAt,
      client: trace.client,
      // A refused oversized name is logged by its start, not kept whole in every row the dashboard reads.
      model: trace.model.length > MAX_MODEL_CHARS ? `${trace.model.slice(0, MAX_MODEL_CHARS)}…` : trace.model,
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

  get requestsInFlight(): number {
    return this.inFlight;
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
