// The `optimize` config block compiled once per config object, and the per-request decision of
// what to do: route override, then client override, then the global setting.

import { optimizeSchema, type Config, type OptimizeConfig, type OptimizeOverride } from '../config/schema';
import type { CanonicalRequest } from '../formats/canonical';

export interface OptimizeSettings {
  global: OptimizeConfig;
  clients: Map<string, OptimizeOverride>;
  routes: Map<string, OptimizeOverride>;
}

/** What the gateway does to one request. */
export interface OptimizePlan {
  compress: boolean;
  minChars: number;
  /** Look the request up in (and store its answer into) the response cache. */
  cache: boolean;
  promptCache: OptimizeConfig['promptCache'];
}

const compiled = new WeakMap<Config, OptimizeSettings>();

export function optimizeSettingsFor(config: Config): OptimizeSettings {
  let settings = compiled.get(config);
  if (!settings) {
    settings = {
      global: config.optimize ?? optimizeSchema.parse({}),
      clients: new Map(config.clients.filter((c) => c.optimize).map((c) => [c.name, c.optimize!])),
      routes: new Map(config.routes.filter((r) => r.optimize).map((r) => [r.name, r.optimize!])),
    };
    compiled.set(config, settings);
  }
  return settings;
}

export function planOptimizations(settings: OptimizeSettings, client: string | null, route: string, request: CanonicalRequest): OptimizePlan {
  const routeOverride = settings.routes.get(route);
  const clientOverride = client === null ? undefined : settings.clients.get(client);
  const { compression, cache, promptCache } = settings.global;
  const compress = routeOverride?.compression?.enabled ?? clientOverride?.compression?.enabled ?? compression.enabled;
  const cacheOn = routeOverride?.cache?.enabled ?? clientOverride?.cache?.enabled ?? cache.enabled;
  const nonDeterministic = routeOverride?.cache?.nonDeterministic ?? clientOverride?.cache?.nonDeterministic ?? cache.nonDeterministic;
  // Only a temperature-0 answer is the answer; anything sampled is replayed only by explicit opt-in.
  const deterministic = request.temperature === 0;
  return { compress, minChars: compression.minChars, cache: cacheOn && (deterministic || nonDeterministic), promptCache };
}
