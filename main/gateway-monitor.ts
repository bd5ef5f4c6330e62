// Polls the gateway's admin API for what the tray shows, and for new events to notify about.
// Defensive by design: a gateway that is still starting or has gone away is retried with backoff.
// Circuit breakers are read from GET /api/breakers, and a breaker seen opening between two polls
// becomes a `breaker_open` event here, so the tray does not depend on the gateway logging one.

import type { AdminClient } from './admin-client';
import type { BreakerStatus, GatewayEvent, GatewaySummary, ProfileState } from './admin-types';
import type { GatewayStatus } from './tray/tray-state';

export interface GatewaySnapshot {
  status: GatewayStatus;
  summary?: GatewaySummary;
  profile?: ProfileState;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface GatewayMonitorOptions {
  client: AdminClient;
  onSnapshot(snapshot: GatewaySnapshot): void;
  onEvents(events: GatewayEvent[]): void;
  onError?(error: Error): void;
  now?: () => number;
  intervalMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  timers?: Timers;
}

export interface GatewayMonitor {
  start(): void;
  stop(): void;
  /** Polls right away (after a tray action) instead of waiting for the next tick. */
  pollNow(): Promise<void>;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createGatewayMonitor(options: GatewayMonitorOptions): GatewayMonitor {
  const timers = options.timers ?? realTimers;
  const intervalMs = options.intervalMs ?? 5000;
  const firstRetryMs = options.firstRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  let running = false;
  let timer: unknown;
  let failures = 0;
  let everReached = false;
  let cursor: string | undefined;
  let primed = false; // events before the first successful read are history, not news
  let inFlight: Promise<void> | undefined;
  let openBreakers: Set<string> | undefined; // undefined until the first read: what is open then is not news
  const now = options.now ?? Date.now;

  function breakerEvents(breakers: BreakerStatus[]): GatewayEvent[] {
    const open = new Set(breakers.filter((b) => b.state === 'open').map((b) => b.account));
    const previous = openBreakers;
    openBreakers = open;
    if (!previous) return [];
    const at = now();
    return breakers
      .filter((b) => b.state === 'open' && !previous.has(b.account))
      .map((b) => ({
        id: `breaker:${b.account}:${at}`,
        kind: 'breaker_open',
        message: `${b.account} stopped answering; its circuit is open and requests go to the fallbacks`,
        at: new Date(at).toISOString(),
      }));
  }

  async function readEvents(): Promise<void> {
    try {
      const events = await options.client.getEvents(cursor);
      if (events.length > 0) cursor = events[events.length - 1].id;
      // Breaker openings come from the breaker states above; the log's own copies would be duplicates.
      const news = events.filter((event) => event.kind !== 'breaker_open');
      if (primed && news.length > 0) options.onEvents(news);
      primed = true;
    } catch (err) {
      options.onError?.(err as Error);
    }
  }

  async function poll(): Promise<void> {
    const [summary, profile, breakers] = await Promise.allSettled([
      options.client.getSummary(),
      options.client.getProfile(),
      options.client.getBreakers(),
    ]);
    if (summary.status === 'rejected' && profile.status === 'rejected') {
      failures += 1;
      options.onSnapshot({ status: everReached ? 'unreachable' : 'starting' });
      options.onError?.(summary.reason as Error);
      return;
    }
    // One answer is enough to know the gateway is up; show what there is and report the other.
    failures = 0;
    everReached = true;
    for (const result of [summary, profile, breakers]) if (result.status === 'rejected') options.onError?.(result.reason as Error);
    let merged = summary.status === 'fulfilled' ? summary.value : undefined;
    if (merged && breakers.status === 'fulfilled') merged = { ...merged, breakers: breakers.value };
    options.onSnapshot({ status: 'running', summary: merged, profile: profile.status === 'fulfilled' ? profile.value : undefined });
    const opened = breakers.status === 'fulfilled' ? breakerEvents(breakers.value) : merged ? breakerEvents(merged.breakers) : [];
    if (opened.length > 0) options.onEvents(opened);
    await readEvents();
  }

  function schedule(): void {
    if (!running) return;
    const delay = failures === 0 ? intervalMs : Math.min(firstRetryMs * 2 ** (failures - 1), maxRetryMs);
    timer = timers.setTimeout(() => void tick(), delay);
  }

  async function tick(): Promise<void> {
    timer = undefined;
    await pollNow();
    if (timer === undefined) schedule();
  }

  function pollNow(): Promise<void> {
    // Overlapping polls would race their snapshots: share the one in flight.
    inFlight ??= poll().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    start() {
      if (running) return;
      running = true;
      void tick();
    },
    stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
    pollNow,
  };
}
