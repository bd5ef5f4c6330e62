// The in-process budget ledger: one gateway process, so a reservation's check-and-add runs without
// an await between them and cannot interleave with another request's.

import { windowOf } from './budget-period';
import {
  admitsCharge, scopeKey, type BudgetCharge, type BudgetHold, type BudgetLedger, type BudgetScope,
  type ReserveResult, type ScopeSettlement, type ScopeUsage, type SpentLoader,
} from './budget-ledger';

interface Entry {
  /** Settled spend in the window: the store's total when loaded plus everything settled since. */
  spent: number;
  reserved: number;
  /** Holds outstanding in this window. */
  outstanding: number;
  ready: Promise<void> | null;
}

interface MemoryHold extends BudgetHold {
  readonly entries: Entry[];
  done: boolean;
}

export class MemoryBudgetLedger implements BudgetLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly loadSpent: SpentLoader) {}

  async reserve(charges: BudgetCharge[], at: number): Promise<ReserveResult> {
    const slots = charges.map((charge) => ({ charge, ...this.entryFor(charge.scope, at) }));
    const pending = slots.map((s) => s.entry.ready).filter((p): p is Promise<void> => p !== null);
    if (pending.length > 0) await Promise.all(pending);
    // From here to the end nothing awaits: check and add are one step.
    for (const { charge, entry } of slots) {
      if (!admitsCharge(charge.scope.limitUsd, entry.spent, entry.reserved, entry.outstanding, charge.usd)) {
        return { ok: false, scope: charge.scope, spentUsd: entry.spent, reservedUsd: entry.reserved, requestedUsd: charge.usd };
      }
    }
    for (const { charge, entry } of slots) {
      entry.reserved += charge.usd;
      entry.outstanding++;
    }
    const hold: MemoryHold = {
      charges: slots.map((s) => ({ ...s.charge, windowKey: s.windowKey })),
      entries: slots.map((s) => s.entry),
      done: false,
    };
    return { ok: true, hold };
  }

  async settle(hold: BudgetHold, actualUsd: (scope: BudgetScope) => number): Promise<ScopeSettlement[]> {
    const h = hold as MemoryHold;
    if (h.done) return [];
    h.done = true;
    return h.charges.map((charge, i) => {
      const entry = h.entries[i]!;
      this.unreserve(entry, charge.usd);
      const beforeUsd = entry.spent;
      entry.spent += Math.max(0, actualUsd(charge.scope));
      return { scope: charge.scope, windowKey: charge.windowKey, beforeUsd, afterUsd: entry.spent };
    });
  }

  async release(hold: BudgetHold): Promise<void> {
    const h = hold as MemoryHold;
    if (h.done) return;
    h.done = true;
    h.charges.forEach((charge, i) => this.unreserve(h.entries[i]!, charge.usd));
  }

  async usage(scope: BudgetScope, at: number): Promise<ScopeUsage> {
    const { entry, windowKey } = this.entryFor(scope, at);
    if (entry.ready) await entry.ready;
    return { spentUsd: entry.spent, reservedUsd: entry.reserved, windowKey };
  }

  private unreserve(entry: Entry, usd: number): void {
    entry.outstanding--;
    // Reset exactly when idle, so float residue never accumulates.
    entry.reserved = entry.outstanding === 0 ? 0 : Math.max(0, entry.reserved - usd);
  }

  private entryFor(scope: BudgetScope, at: number): { entry: Entry; windowKey: string } {
    const window = windowOf(scope.period, at);
    const base = scopeKey(scope);
    const key = `${base}|${window.key}`;
    let entry = this.entries.get(key);
    if (!entry) {
      this.dropIdleWindows(base);
      const created: Entry = { spent: 0, reserved: 0, outstanding: 0, ready: null };
      // The loader reads the log as of now (SQLite answers before returning), and every settle from
      // now on adds to `spent`, so each request is counted exactly once.
      created.ready = this.loadSpent(scope, window.from, window.to).then(
        (total) => {
          created.spent += total;
          created.ready = null;
        },
        (err) => {
          this.entries.delete(key);
          throw err;
        },
      );
      this.entries.set(key, created);
      entry = created;
    }
    return { entry, windowKey: window.key };
  }

  /** Earlier windows of the same scope are dead once nothing is outstanding in them. */
  private dropIdleWindows(base: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.outstanding === 0 && key.startsWith(base + '|')) this.entries.delete(key);
    }
  }
}
