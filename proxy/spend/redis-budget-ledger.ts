// The budget ledger shared by every gateway instance in team mode: spend and holds per scope and
// period window live in Redis, and reserve/settle/release are Lua scripts, so two instances can
// never both take the last dollar. A window's spend is loaded once from the shared request log.

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { windowOf } from './budget-period';
import {
  USD_EPSILON, scopeKey, type BudgetCharge, type BudgetHold, type BudgetLedger, type BudgetScope, type ReserveResult,
  type ScopeSettlement, type ScopeUsage, type SpentLoader,
} from './budget-ledger';
import { INIT_SCRIPT, RESERVE_SCRIPT, SETTLE_SCRIPT, USAGE_SCRIPT } from './redis-scripts';
import { callRedis } from './redis-unavailable';
import { runRedisScript } from './run-redis-script';

/** A hold left by an instance that crashed is dropped after this long. */
export const DEFAULT_HOLD_TTL_MS = 15 * 60_000;
/** Day and month windows are kept a day past their end, for late settles and the dashboard. */
const WINDOW_KEEP_MS = 86_400_000;
const PREFIX = '{switchyard}:budget:';

type Reply = Array<string | number>;

interface RedisHold extends BudgetHold {
  readonly id: string;
  readonly keys: string[];
  done: boolean;
}

export interface RedisBudgetLedgerOptions {
  holdTtlMs?: number;
}

export class RedisBudgetLedger implements BudgetLedger {
  private readonly holdTtlMs: number;
  /** Window loads in flight, so a burst on a fresh window reads the request log once per instance. */
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly redis: Redis, private readonly loadSpent: SpentLoader, options: RedisBudgetLedgerOptions = {}) {
    this.holdTtlMs = options.holdTtlMs ?? DEFAULT_HOLD_TTL_MS;
  }

  async reserve(charges: BudgetCharge[], at: number): Promise<ReserveResult> {
    const slots = charges.map((charge) => ({ charge, ...windowKeys(charge.scope, at) }));
    const keys = slots.flatMap((s) => [s.key, s.expiry]);
    const id = randomUUID();
    const args = [id, String(this.holdTtlMs), String(USD_EPSILON), ...slots.flatMap((s) => [String(s.charge.scope.limitUsd), String(Math.max(0, s.charge.usd))])];
    // At most one load per scope: after it the window exists until it expires.
    for (let loads = 0; loads <= slots.length; loads++) {
      const reply = (await callRedis(() => runRedisScript(this.redis, RESERVE_SCRIPT, keys, args))) as Reply;
      if (reply[0] === 'ok') {
        const hold: RedisHold = { charges: slots.map((s) => ({ ...s.charge, windowKey: s.windowKey })), id, keys, done: false };
        return { ok: true, hold };
      }
      const slot = slots[Number(reply[1]) - 1]!;
      if (reply[0] === 'refused') {
        return { ok: false, scope: slot.charge.scope, spentUsd: Number(reply[2]), reservedUsd: Number(reply[3]), requestedUsd: slot.charge.usd };
      }
      await this.loadWindow(slot.charge.scope, at);
    }
    throw new Error('budget window vanished while reserving');
  }

  async settle(hold: BudgetHold, actualUsd: (scope: BudgetScope) => number): Promise<ScopeSettlement[]> {
    const h = hold as RedisHold;
    if (h.done) return [];
    h.done = true;
    const amounts = h.charges.map((c) => String(Math.max(0, actualUsd(c.scope))));
    const reply = (await callRedis(() => runRedisScript(this.redis, SETTLE_SCRIPT, h.keys, [h.id, ...amounts]))) as Array<[string, string]>;
    const settlements: ScopeSettlement[] = [];
    h.charges.forEach((charge, i) => {
      const [before, after] = reply[i]!;
      if (before !== '') settlements.push({ scope: charge.scope, windowKey: charge.windowKey, beforeUsd: Number(before), afterUsd: Number(after) });
    });
    return settlements;
  }

  async release(hold: BudgetHold): Promise<void> {
    const h = hold as RedisHold;
    if (h.done) return;
    h.done = true;
    await callRedis(() => runRedisScript(this.redis, SETTLE_SCRIPT, h.keys, [h.id]));
  }

  async usage(scope: BudgetScope, at: number): Promise<ScopeUsage> {
    const { key, windowKey } = windowKeys(scope, at);
    let reply = (await callRedis(() => runRedisScript(this.redis, USAGE_SCRIPT, [key], []))) as string[];
    if (reply.length === 0) {
      await this.loadWindow(scope, at);
      reply = (await callRedis(() => runRedisScript(this.redis, USAGE_SCRIPT, [key], []))) as string[];
    }
    return { spentUsd: Number(reply[0] ?? 0), reservedUsd: Number(reply[1] ?? 0), windowKey };
  }

  /** Seeds a window with what the request log holds; a window another instance seeded first wins. */
  private loadWindow(scope: BudgetScope, at: number): Promise<void> {
    const { key, expiry } = windowKeys(scope, at);
    let pending = this.loading.get(key);
    if (!pending) {
      const window = windowOf(scope.period, at);
      const expireAt = scope.period === 'total' ? 0 : window.to + WINDOW_KEEP_MS;
      pending = this.loadSpent(scope, window.from, window.to)
        .then((spent) => callRedis(() => runRedisScript(this.redis, INIT_SCRIPT, [key, expiry], [String(spent), String(expireAt)])))
        .then(() => undefined)
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }
}

function windowKeys(scope: BudgetScope, at: number): { key: string; expiry: string; windowKey: string } {
  const windowKey = windowOf(scope.period, at).key;
  const key = `${PREFIX}${scopeKey(scope)}|${windowKey}`;
  return { key, expiry: `${key}:holds`, windowKey };
}
