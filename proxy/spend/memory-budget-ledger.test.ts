// The in-process ledger: reservations are atomic under concurrency, settle and release keep the
// books exact, and spend loaded from the log is counted once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBudgetLedger } from './memory-budget-ledger';
import type { BudgetScope } from './budget-ledger';

const scope: BudgetScope = { kind: 'client', name: 'ci', limitUsd: 1, period: 'day' };
const at = Date.parse('2026-05-05T12:00:00Z');

test('50 concurrent reservations admit exactly what fits, plus nothing else', async () => {
  const ledger = new MemoryBudgetLedger(async () => 0.8);
  const results = await Promise.all(Array.from({ length: 50 }, () => ledger.reserve([{ scope, usd: 0.03 }], at)));
  // 0.2 left / 0.03 each → 6 fit (0.18); the seventh would reach 0.21.
  assert.equal(results.filter((r) => r.ok).length, 6);
  const usage = await ledger.usage(scope, at);
  assert.ok(Math.abs(usage.reservedUsd - 0.18) < 1e-12);
  assert.ok(Math.abs(usage.spentUsd - 0.8) < 1e-12);
});

test('settle replaces the reservation with the real cost; release frees it', async () => {
  const ledger = new MemoryBudgetLedger(async () => 0);
  const a = await ledger.reserve([{ scope, usd: 0.4 }], at);
  const b = await ledger.reserve([{ scope, usd: 0.4 }], at);
  assert.ok(a.ok && b.ok);
  const settled = await ledger.settle(a.hold, () => 0.1);
  assert.deepEqual(settled.map((s) => [s.beforeUsd, s.afterUsd]), [[0, 0.1]]);
  await ledger.release(b.hold);
  await ledger.release(b.hold); // twice is harmless
  assert.deepEqual(await ledger.usage(scope, at), { spentUsd: 0.1, reservedUsd: 0, windowKey: '2026-05-05' });
});

test('the one request past the limit runs alone: the next is refused until it settles', async () => {
  const ledger = new MemoryBudgetLedger(async () => 0.95);
  const lone = await ledger.reserve([{ scope, usd: 0.2 }], at);
  assert.ok(lone.ok, 'nothing in flight: admitted');
  const second = await ledger.reserve([{ scope, usd: 0.01 }], at);
  assert.equal(second.ok, false);
  await ledger.settle(lone.ok ? lone.hold : (undefined as never), () => 0.1);
  const after = await ledger.reserve([{ scope, usd: 0.0001 }], at);
  assert.equal(after.ok, false, 'spent ≥ limit refuses everything');
});

test('all or nothing across scopes', async () => {
  const global: BudgetScope = { kind: 'global', name: '*', limitUsd: 0.05, period: 'month' };
  const ledger = new MemoryBudgetLedger(async (s) => (s.kind === 'global' ? 0.049 : 0));
  const first = await ledger.reserve([{ scope, usd: 0.01 }, { scope: global, usd: 0.01 }], at);
  assert.ok(first.ok);
  const second = await ledger.reserve([{ scope, usd: 0.01 }, { scope: global, usd: 0.01 }], at);
  assert.equal(second.ok, false);
  if (!second.ok) assert.equal(second.scope.kind, 'global');
  const client = await ledger.usage(scope, at);
  assert.ok(Math.abs(client.reservedUsd - 0.01) < 1e-12, 'the refused reservation left nothing behind in the client scope');
});

test('spend settled while the log is being read is counted once', async () => {
  let resolveLoad!: (usd: number) => void;
  const ledger = new MemoryBudgetLedger(() => new Promise((r) => (resolveLoad = r)));
  const pending = ledger.reserve([{ scope, usd: 0.1 }], at);
  resolveLoad(0.5);
  const held = await pending;
  assert.ok(held.ok);
  await ledger.settle(held.hold, () => 0.05);
  assert.ok(Math.abs((await ledger.usage(scope, at)).spentUsd - 0.55) < 1e-12);
});

test('a new day starts from what the log holds for that day', async () => {
  const loads: Array<[number, number]> = [];
  const ledger = new MemoryBudgetLedger(async (_s, from, to) => {
    loads.push([from, to]);
    return 0;
  });
  await ledger.usage(scope, at);
  await ledger.usage(scope, at + 86_400_000);
  assert.deepEqual(loads.map(([from]) => new Date(from).toISOString().slice(0, 10)), ['2026-05-05', '2026-05-06']);
});
