// The dashboard's two optimisation switches (PUT /api/settings): kept in one store setting and laid
// over the config's `optimize` block, so they survive restarts and config reloads.

import type { Config } from '../config/schema';

export const OPTIMIZE_SWITCHES_SETTING = 'optimize_switches';

export interface OptimizeSwitches {
  compression?: boolean;
  cache?: boolean;
}

/** Reads the stored switches; anything that is not a boolean is left out, never fatal. */
export function parseOptimizeSwitches(text: string | null | undefined): OptimizeSwitches {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const switches: OptimizeSwitches = {};
  if (typeof stored.compression === 'boolean') switches.compression = stored.compression;
  if (typeof stored.cache === 'boolean') switches.cache = stored.cache;
  return switches;
}

export function sameOptimizeSwitches(a: OptimizeSwitches, b: OptimizeSwitches): boolean {
  return a.compression === b.compression && a.cache === b.cache;
}

export function withOptimizeSwitches(config: Config, switches: OptimizeSwitches): Config {
  if (switches.compression === undefined && switches.cache === undefined) return config;
  const optimize = config.optimize;
  return {
    ...config,
    optimize: {
      ...optimize,
      compression: { enabled: switches.compression ?? optimize?.compression?.enabled ?? false, minChars: optimize?.compression?.minChars ?? 400 },
      cache: { enabled: true, ttlSeconds: 3600, maxBytes: 64 * 1024 * 1024, nonDeterministic: false, ...optimize?.cache, ...(switches.cache === undefined ? {} : { enabled: switches.cache }) },
      promptCache: optimize?.promptCache ?? { anthropic: true, openai: true },
    },
  };
}
