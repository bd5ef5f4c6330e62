// Pure helpers behind the budget gauges, burn meter, sign-in hash, route editor, queries and savings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BudgetStatus, LedgerEntry, Summary } from '../renderer/src/lib/api-types';
import { buildBudgetGauges, buildBurnMeter, levelFor } from '../renderer/src/lib/spend-gauges';
import { readTokenFromHash } from '../renderer/src/lib/sign-in-hash';
import { addTarget, moveTarget, removeTarget, sameRoute, toRouteBody, validateRoute, weightShares } from '../renderer/src/lib/route-edit';
import { buildQuery, buildRequestsQuery } from '../renderer/src/lib/request-query';
import { describeLedgerChange, describeLedgerValue, labelSavingsMethod, totalSavingsByMethod } from '../renderer/src/lib/savings-totals';

function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    today: { costUsd: 0, requests: 0, unknownCostRequests: 0 },
    month: { costUsd: 0 },
    burn: { usdPerHour: 0, projectedTodayUsd: 0, projectedMonthUsd: 0 },
    budgets: [],
    breakers: [],
    paused: false,
    ...overrides,
  };
}

test('levelFor: calm below 70%, warn below 90%, hot from 90%', () => {
  const rows = [
    { input: 0, expected: 'calm' },
    { input: 0.69, expected: 'calm' },
    { input: 0.7, expected: 'warn' },
    { input: 0.89, expected: 'warn' },
    { input: 0.9, expected: 'hot' },
    { input: 1.5, expected: 'hot' },
  ];
  for (const row of rows) assert.equal(levelFor(row.input), row.expected, String(row.input));
});

test('buildBudgetGauges: most at risk first, exceeded budgets keep their real ratio', () => {
  const budgets: BudgetStatus[] = [
    { scope: 'global', name: 'global', limitUsd: 10, spentUsd: 1, period: 'day' },
    { scope: 'client', name: 'ci', limitUsd: 1.5, spentUsd: 1.8, period: 'day' },
    { scope: 'client', name: 'zero', limitUsd: 0, spentUsd: 0, period: 'month' },
  ];
  const gauges = buildBudgetGauges(budgets);
  assert.deepEqual(gauges.map((g) => g.label), ['ci', 'zero', 'All traffic']);
  assert.equal(gauges[0].level, 'hot');
  assert.ok(Math.abs(gauges[0].ratio - 1.2) < 1e-9);
  assert.equal(gauges[0].remainingUsd, 0);
  assert.equal(gauges[2].remainingUsd, 9);
});

test('buildBurnMeter: a global daily budget sets the scale', () => {
  const meter = buildBurnMeter(
    summary({ burn: { usdPerHour: 0.5, projectedTodayUsd: 0, projectedMonthUsd: 0 }, budgets: [{ scope: 'global', name: 'global', limitUsd: 24, spentUsd: 3, period: 'day' }] }),
    new Date(2026, 10, 24, 12, 0),
  );
  assert.equal(meter.scaleUsdPerHour, 1);
  assert.equal(meter.ratio, 0.5);
  assert.equal(meter.level, 'calm');
});

test('buildBurnMeter: without a budget the scale is today’s average and the label says how far off it is', () => {
  const now = new Date(2026, 10, 24, 10, 0);
  const base = { today: { costUsd: 1, requests: 10, unknownCostRequests: 0 } };
  const usual = buildBurnMeter(summary({ ...base, burn: { usdPerHour: 0.1, projectedTodayUsd: 0, projectedMonthUsd: 0 } }), now);
  const spike = buildBurnMeter(summary({ ...base, burn: { usdPerHour: 0.5, projectedTodayUsd: 0, projectedMonthUsd: 0 } }), now);
  assert.equal(usual.ratio, 0.5);
  assert.equal(usual.scaleLabel, 'around today’s average rate');
  assert.equal(spike.scaleLabel, '5.0× today’s average rate');
  assert.ok(spike.ratio > 0 && spike.ratio <= 1);
  // No budget means nothing to alarm about.
  assert.equal(spike.level, 'calm');
});

test('buildBurnMeter: no traffic reads zero, not NaN', () => {
  const meter = buildBurnMeter(summary(), new Date(2026, 10, 24, 0, 5));
  assert.equal(meter.ratio, 0);
  assert.equal(meter.scaleLabel, 'nothing spent in the last hour');
  assert.equal(meter.level, 'calm');
});

test('readTokenFromHash: takes the token and leaves the rest of the hash', () => {
  const rows = [
    { input: '#token=abc', expected: { token: 'abc', remainingHash: '' } },
    { input: '#token=abc&x=1', expected: { token: 'abc', remainingHash: '#x=1' } },
    { input: '#/requests?token=s3cr%2Bt', expected: { token: 's3cr+t', remainingHash: '#/requests' } },
    { input: '#/requests', expected: { token: null, remainingHash: '#/requests' } },
    { input: '', expected: { token: null, remainingHash: '' } },
    { input: '#token=', expected: { token: null, remainingHash: '' } },
  ];
  for (const row of rows) assert.deepEqual(readTokenFromHash(row.input), row.expected, row.input);
});

test('route edits: move, remove, add', () => {
  const targets = [{ target: 'a/1' }, { target: 'b/2' }, { target: 'c/3' }];
  assert.deepEqual(moveTarget(targets, 2, 0).map((t) => t.target), ['c/3', 'a/1', 'b/2']);
  assert.deepEqual(moveTarget(targets, 0, 1).map((t) => t.target), ['b/2', 'a/1', 'c/3']);
  assert.equal(moveTarget(targets, 0, 5), targets, 'out of range leaves the list alone');
  assert.deepEqual(removeTarget(targets, 1).map((t) => t.target), ['a/1', 'c/3']);
  assert.deepEqual(addTarget(targets, '  d/4 ', 'fallback').at(-1), { target: 'd/4' });
  assert.deepEqual(addTarget(targets, 'd/4', 'weighted').at(-1), { target: 'd/4', weight: 1 });
  assert.equal(addTarget(targets, '   ', 'fallback'), targets);
});

test('validateRoute: explains each problem', () => {
  const rows: Array<{ name: string; input: Parameters<typeof validateRoute>[0]; expected: string[] }> = [
    { name: 'valid fallback', input: { strategy: 'fallback', targets: [{ target: 'a/m' }] }, expected: [] },
    { name: 'no targets', input: { strategy: 'fallback', targets: [] }, expected: ['A route needs at least one target.'] },
    { name: 'unknown strategy', input: { strategy: 'random', targets: [{ target: 'a/m' }] }, expected: ['Unknown strategy "random".'] },
    { name: 'bare model', input: { strategy: 'fallback', targets: [{ target: 'gpt' }] }, expected: ['"gpt" is not a <provider>/<model> target.'] },
    { name: 'duplicate', input: { strategy: 'fallback', targets: [{ target: 'a/m' }, { target: 'a/m' }] }, expected: ['"a/m" is listed twice.'] },
    {
      name: 'all weights zero',
      input: { strategy: 'weighted', targets: [{ target: 'a/m', weight: 0 }, { target: 'b/m', weight: 0 }] },
      expected: ['At least one weight must be above 0.'],
    },
    { name: 'negative weight', input: { strategy: 'weighted', targets: [{ target: 'a/m', weight: -1 }, { target: 'b/m', weight: 1 }] }, expected: ['"a/m" needs a weight of 0 or more.'] },
  ];
  for (const row of rows) assert.deepEqual(validateRoute(row.input), row.expected, row.name);
});

test('toRouteBody: weights only for the weighted strategy', () => {
  assert.deepEqual(toRouteBody({ strategy: 'fallback', targets: [{ target: 'a/m', weight: 3 }] }), { strategy: 'fallback', targets: [{ target: 'a/m' }] });
  assert.deepEqual(toRouteBody({ strategy: 'weighted', targets: [{ target: 'a/m' }] }), { strategy: 'weighted', targets: [{ target: 'a/m', weight: 1 }] });
  assert.ok(sameRoute({ strategy: 'fallback', targets: [{ target: 'a/m', weight: 2 }] }, { strategy: 'fallback', targets: [{ target: 'a/m' }] }));
  assert.ok(!sameRoute({ strategy: 'fallback', targets: [{ target: 'a/m' }, { target: 'b/m' }] }, { strategy: 'fallback', targets: [{ target: 'b/m' }, { target: 'a/m' }] }));
});

test('weightShares: shares of the total, zero when nothing is weighted', () => {
  assert.deepEqual(weightShares([{ target: 'a/m', weight: 3 }, { target: 'b/m', weight: 1 }]), [0.75, 0.25]);
  assert.deepEqual(weightShares([{ target: 'a/m', weight: 0 }]), [0]);
});

test('request queries leave out empty filters and encode the rest', () => {
  assert.equal(buildRequestsQuery({ limit: 50, offset: 0, client: ' ', model: 'smart', status: '' }), '?limit=50&model=smart');
  assert.equal(buildRequestsQuery({ limit: 50, offset: 100, target: 'alpha/m large', status: 'error' }), '?limit=50&offset=100&target=alpha%2Fm+large&status=error');
  assert.equal(buildQuery({}), '');
});

test('totalSavingsByMethod: sums per method, largest first, unknown savings add nothing', () => {
  const entries: LedgerEntry[] = [
    { requestId: '1', method: 'compression', baseline: 100, actual: 10, savedUsd: 0.5, evidence: {}, verified: true },
    { requestId: '2', method: 'cache', baseline: 100, actual: 0, savedUsd: 1.25, evidence: {} },
    { requestId: '3', method: 'compression', baseline: 100, actual: 10, savedUsd: 0.25, evidence: {}, verified: false },
    { requestId: '4', method: 'compression', baseline: 100, actual: 10, savedUsd: null, evidence: {} },
  ];
  assert.deepEqual(totalSavingsByMethod(entries), [
    { method: 'cache', entries: 1, savedUsd: 1.25, verified: 0 },
    { method: 'compression', entries: 3, savedUsd: 0.75, verified: 1 },
  ]);
});

test('ledger values read compactly', () => {
  assert.equal(describeLedgerValue(12000), '12,000');
  assert.equal(describeLedgerValue('4 KB'), '4 KB');
  assert.equal(describeLedgerValue({ tokens: 1200, model: 'a/m' }), 'tokens: 1,200 · model: a/m');
  assert.equal(describeLedgerValue(null), '—');
  assert.equal(describeLedgerChange({ inputTokens: 12000 }, { inputTokens: 3000 }), 'input tokens: 12,000 → 3,000');
  assert.equal(describeLedgerChange(100, 10), '100 → 10');
  assert.equal(labelSavingsMethod('compression'), 'Tool-output compression');
  assert.equal(labelSavingsMethod('model_downgrade'), 'Model downgrade');
});
