import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AdminClient } from './admin-client';
import type { BreakerStatus, GatewayEvent, GatewaySummary } from './admin-types';
import { createGatewayMonitor, type GatewaySnapshot, type Timers } from './gateway-monitor';

function manualTimers() {
  const pending: Array<{ callback: () => void; ms: number; handle: number }> = [];
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      pending.push({ callback, ms, handle: next });
      return next++;
    },
    clearTimeout: (handle) => {
      const i = pending.findIndex((p) => p.handle === handle);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return {
    timers,
    pending,
    /** Fires the next timer and waits for the poll it starts. */
    async fire(): Promise<number> {
      const timer = pending.shift();
      if (!timer) throw new Error('no timer pending');
      timer.callback();
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      return timer.ms;
    },
  };
}

const SUMMARY: GatewaySummary = { today: { costUsd: 0, requests: 0 }, burn: { usdPerHour: 0, projectedTodayUsd: 0, projectedMonthUsd: 0 }, budgets: [], breakers: [], paused: false };

test('monitor retries with backoff until the gateway answers, then polls on the interval', async () => {
  let up = false;
  const eventsQueue: GatewayEvent[][] = [[{ id: '1', kind: 'budget_threshold', message: 'old news', at: 'x' }], [], [{ id: '2', kind: 'budget_exceeded', message: 'ci spent its budget', at: 'y' }]];
  const sinceSeen: Array<string | undefined> = [];
  const client = {
    getSummary: async () => { if (!up) throw new Error('ECONNREFUSED'); return SUMMARY; },
    getProfile: async () => { if (!up) throw new Error('ECONNREFUSED'); return { active: null, profiles: [] }; },
    getBreakers: async () => { if (!up) throw new Error('ECONNREFUSED'); return []; },
    getEvents: async (since?: string) => { sinceSeen.push(since); return eventsQueue.shift() ?? []; },
  } as unknown as AdminClient;
  const snapshots: GatewaySnapshot['status'][] = [];
  const notified: GatewayEvent[][] = [];
  const clock = manualTimers();
  const monitor = createGatewayMonitor({ client, timers: clock.timers, intervalMs: 5000, firstRetryMs: 100, maxRetryMs: 350, onSnapshot: (s) => snapshots.push(s.status), onEvents: (e) => notified.push(e) });
  monitor.start();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(snapshots, ['starting']);
  const delays = [clock.pending[0].ms];
  delays.push(await clock.fire(), await clock.fire());
  assert.deepEqual(delays, [100, 100, 200]);
  assert.equal(clock.pending[0].ms, 350, 'capped');
  up = true;
  await clock.fire();
  assert.deepEqual(snapshots, ['starting', 'starting', 'starting', 'running']);
  assert.equal(clock.pending[0].ms, 5000);
  assert.deepEqual(notified, [], 'events from before the first read are history');
  await clock.fire();
  await clock.fire();
  assert.deepEqual(notified, [[{ id: '2', kind: 'budget_exceeded', message: 'ci spent its budget', at: 'y' }]]);
  assert.deepEqual(sinceSeen, [undefined, '1', '1']);
  up = false;
  await clock.fire();
  assert.equal(snapshots.at(-1), 'unreachable', 'after being reached once, a failure means gone, not starting');
  monitor.stop();
  assert.equal(clock.pending.length, 0);
});

test('pollNow shares one poll in flight', async () => {
  let calls = 0;
  const client = {
    getSummary: async () => { calls++; await new Promise((r) => setTimeout(r, 5)); return SUMMARY; },
    getProfile: async () => ({ active: null, profiles: [] }),
    getBreakers: async () => [],
    getEvents: async () => [],
  } as unknown as AdminClient;
  const monitor = createGatewayMonitor({ client, timers: manualTimers().timers, onSnapshot: () => undefined, onEvents: () => undefined });
  await Promise.all([monitor.pollNow(), monitor.pollNow(), monitor.pollNow()]);
  assert.equal(calls, 1);
  await monitor.pollNow();
  assert.equal(calls, 2);
});

test('one answer is enough: a gateway without /api/summary still reports running with its profiles', async () => {
  const snapshots: GatewaySnapshot[] = [];
  const errors: string[] = [];
  const client = {
    getSummary: async () => { throw new Error('GET /api/summary answered 404: no such admin endpoint'); },
    getProfile: async () => ({ active: 'cheap', profiles: ['cheap'] }),
    getBreakers: async () => { throw new Error('GET /api/breakers answered 404: no such admin endpoint'); },
    getEvents: async () => [],
  } as unknown as AdminClient;
  const monitor = createGatewayMonitor({ client, timers: manualTimers().timers, onSnapshot: (s) => snapshots.push(s), onEvents: () => undefined, onError: (e) => errors.push(e.message) });
  await monitor.pollNow();
  assert.deepEqual(snapshots, [{ status: 'running', summary: undefined, profile: { active: 'cheap', profiles: ['cheap'] } }]);
  assert.deepEqual(errors, ['GET /api/summary answered 404: no such admin endpoint', 'GET /api/breakers answered 404: no such admin endpoint']);
});

test('a breaker that opens between polls becomes one breaker_open event; the log\'s own copy is dropped', async () => {
  let breakers: BreakerStatus[] = [{ account: 'alpha', state: 'open' }, { account: 'beta', state: 'closed' }];
  let logged: GatewayEvent[] = [];
  const client = {
    getSummary: async () => SUMMARY,
    getProfile: async () => ({ active: null, profiles: [] }),
    getBreakers: async () => breakers,
    getEvents: async () => logged,
  } as unknown as AdminClient;
  const notified: GatewayEvent[][] = [];
  const snapshots: GatewaySnapshot[] = [];
  const monitor = createGatewayMonitor({ client, timers: manualTimers().timers, now: () => Date.UTC(2026, 0, 1), onSnapshot: (s) => snapshots.push(s), onEvents: (e) => notified.push(e) });
  await monitor.pollNow();
  assert.deepEqual(notified, [], 'alpha was already open at start: not news');
  assert.deepEqual(snapshots[0].summary?.breakers, breakers, 'the tray sees /api/breakers');
  breakers = [{ account: 'alpha', state: 'open' }, { account: 'beta', state: 'open' }];
  logged = [{ id: '9', kind: 'breaker_open', message: 'beta opened', at: 'x' }, { id: '10', kind: 'budget_exceeded', message: 'ci spent its budget', at: 'y' }];
  await monitor.pollNow();
  assert.deepEqual(notified, [
    [{ id: `breaker:beta:${Date.UTC(2026, 0, 1)}`, kind: 'breaker_open', message: 'beta stopped answering; its circuit is open and requests go to the fallbacks', at: '2026-01-01T00:00:00.000Z' }],
    [{ id: '10', kind: 'budget_exceeded', message: 'ci spent its budget', at: 'y' }],
  ]);
  logged = [];
  await monitor.pollNow();
  assert.equal(notified.length, 2, 'still open is not news');
});
