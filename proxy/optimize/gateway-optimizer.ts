// The gateway's optimiser: one response cache per gateway (kept across config reloads, resized by
// them) and the factory of per-request optimisations, wired to the gateway's store and upstreams.

import type { Config } from '../config/schema';
import type { Gateway } from '../gateway/gateway';
import type { Target } from '../gateway/runtime';
import { postJsonToProvider } from '../pipeline/post-json-to-provider';
import { compressToolResults } from './compress/compress-tool-results';
import { measureToolOutputs } from './measure-tool-outputs';
import { optimizeSettingsFor, planOptimizations } from './optimize-settings';
import { RequestOptimization, type OptimizerDeps, type RequestContext } from './request-optimization';
import { ResponseCache } from './response-cache';

export class GatewayOptimizer {
  readonly cache: ResponseCache;
  private configured: Config | undefined;

  constructor(private readonly deps: OptimizerDeps) {
    this.cache = deps.cache;
  }

  /** The optimisation plan for one request under the running config. */
  begin(config: Config, context: RequestContext): RequestOptimization {
    const settings = optimizeSettingsFor(config);
    if (this.configured !== config) {
      this.configured = config;
      this.cache.configure(settings.global.cache.maxBytes, settings.global.cache.ttlSeconds * 1000);
    }
    return new RequestOptimization(this.deps, planOptimizations(settings, context.client, context.route, context.request), context);
  }
}

const optimizers = new WeakMap<Gateway, GatewayOptimizer>();

export function optimizerFor(gateway: Gateway): GatewayOptimizer {
  let optimizer = optimizers.get(gateway);
  if (!optimizer) {
    const cache = optimizeSettingsFor(gateway.runtime.config).global.cache;
    optimizer = new GatewayOptimizer({
      cache: new ResponseCache({ maxBytes: cache.maxBytes, ttlMs: cache.ttlSeconds * 1000 }),
      compress: compressToolResults,
      measureToolOutputs,
      post: (target: Target, path, payload, headers) => postJsonToProvider(gateway, target, path, payload, headers),
      priceOf: (ref) => {
        const slash = ref.indexOf('/');
        return gateway.runtime.priceBook.priceOf(ref.slice(0, slash), ref.slice(slash + 1));
      },
      recordSaving: (saving) => gateway.store.recordSaving(saving),
      recordInsight: (insight) => gateway.store.recordInsight(insight),
      onError: (err) => gateway.log.error({ err }, 'recording optimisation results failed'),
    });
    optimizers.set(gateway, optimizer);
  }
  return optimizer;
}
