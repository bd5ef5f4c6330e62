// Team mode: what one instance changes through the admin API — gateway keys, the active profile,
// route edits, the optimisation switches, the routing pause — is in the shared database; every
// instance re-reads it each second, so a key created on instance A works on instance B within about
// a second.

import type { Gateway } from '../gateway/gateway';
import { PAUSED_SETTING, PROFILE_SETTING } from '../gateway/gateway';
import { parseRouteOverrides, ROUTE_OVERRIDES_SETTING } from '../routing/route-overrides';
import { OPTIMIZE_SWITCHES_SETTING, parseOptimizeSwitches, sameOptimizeSwitches } from '../optimize/optimize-switches';

export const SHARED_STATE_SYNC_MS = 1000;

export interface SharedStateSync {
  /** Reads the shared state now and applies what changed. */
  syncNow(): Promise<void>;
  stop(): void;
}

export function startSharedStateSync(gateway: Gateway, intervalMs = SHARED_STATE_SYNC_MS): SharedStateSync {
  let running: Promise<void> | undefined;

  const syncOnce = async () => {
    // What this instance runs now: a local change made while the reads are in flight wins over them.
    const runtimeBefore = gateway.runtime;
    const pausedBefore = gateway.paused;
    // Keys are rebuilt every time: comparing against what was last read here would miss a key this
    // instance created itself and another revoked within one interval.
    const [, profile, overridesText, paused, switchesText] = await Promise.all([
      gateway.spend.reloadClients(),
      gateway.store.getSetting(PROFILE_SETTING),
      gateway.store.getSetting(ROUTE_OVERRIDES_SETTING),
      gateway.store.getSetting(PAUSED_SETTING),
      gateway.store.getSetting(OPTIMIZE_SWITCHES_SETTING),
    ]);
    if (gateway.paused === pausedBefore) gateway.paused = paused === 'true';
    const runtime = gateway.runtime;
    if (runtime !== runtimeBefore) return;
    const active = profile && runtime.config.profiles.some((p) => p.name === profile) ? profile : null;
    const overrides = parseRouteOverrides(overridesText);
    const switches = parseOptimizeSwitches(switchesText);
    if (active !== runtime.activeProfile || JSON.stringify(overrides) !== JSON.stringify(runtime.routeOverrides) || !sameOptimizeSwitches(switches, gateway.optimizeSwitches)) {
      gateway.applySharedSettings(active, overrides, switches);
    }
  };

  // An outage is logged when it starts and when it ends, not once a second while it lasts.
  let failing = false;
  const syncNow = () =>
    (running ??= syncOnce()
      .then(
        () => {
          if (failing) gateway.log.info({}, 'reading shared state from the database again');
          failing = false;
        },
        (err) => {
          if (!failing) gateway.log.warn({ err: (err as Error).message }, 'could not read shared state from the database; keys, profile, routes and switches stay as they are until it answers');
          failing = true;
        },
      )
      .finally(() => {
        running = undefined;
      }));

  const timer = setInterval(() => void syncNow(), intervalMs);
  timer.unref();
  return { syncNow, stop: () => clearInterval(timer) };
}
