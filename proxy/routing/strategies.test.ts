import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PriceConfig } from '../config/schema';
import { orderCheapest, estimateCostUsd } from './cheapest';
import { orderFallback } from './fallback';
import { orderFastest } from './fastest';
import type { LatencyStats } from './latency-tracker';
import type { RankedTarget, StrategyContext } from './strategy';
import { orderWeighted } from './weighted';

/** A fixed sequence of "random" numbers, so draws are exact. */
function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

function ctx(over: Partial<StrategyContext> = {}): StrategyContext {
  return {
    random: () => 0.99,
    now: () => 1_000_000,
    estimatedPromptTokens: 1000,
    estimatedOutputTokens: 500,
    stream: false,
    priceOf: () => null,
    latencyOf: () => undefined,
    exploration: 0,
    ...over,
  };
}

const t = (ref: string, weight = 1): RankedTarget => ({ ref, weight });
const refs = (targets: RankedTarget[]) => targets.map((x) => x.ref);

test('fallback keeps the route order and does not mutate its input', () => {
  const input = [t('a/1'), t('b/2'), t('c/3')];
  assert.deepEqual(refs(orderFallback(input, ctx())), ['a/1', 'b/2', 'c/3']);
  assert.notEqual(orderFallback(input, ctx()), input);
});

const weightedRows = [
  { name: 'a low draw takes the first target', weights: [3, 1], draws: [0.1, 0], expected: ['a/1', 'b/2'] },
  { name: 'a draw past the first weight takes the second', weights: [3, 1], draws: [0.8, 0], expected: ['b/2', 'a/1'] },
  { name: 'boundary: exactly 3/4 of the total falls to the second', weights: [3, 1], draws: [0.75, 0], expected: ['b/2', 'a/1'] },
  { name: 'three targets, then draws among those left', weights: [1, 1, 2], draws: [0.6, 0.6, 0], expected: ['c/3', 'b/2', 'a/1'] },
  { name: 'a near-zero weight is still reached for failover', weights: [1000, 0.001], draws: [0.5, 0.5], expected: ['a/1', 'b/2'] },
];
for (const row of weightedRows) {
  test(`weighted: ${row.name}`, () => {
    const targets = row.weights.map((w, i) => t(['a/1', 'b/2', 'c/3'][i]!, w));
    assert.deepEqual(refs(orderWeighted(targets, ctx({ random: sequence(row.draws) }))), row.expected);
  });
}

test('weighted: shares follow the weights over many draws', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const counts: Record<string, number> = {};
  for (let i = 0; i < 4000; i++) {
    const first = orderWeighted([t('a/1', 3), t('b/2', 1)], ctx({ random }))[0]!.ref;
    counts[first] = (counts[first] ?? 0) + 1;
  }
  assert.ok(Math.abs(counts['a/1']! / 4000 - 0.75) < 0.03, `a/1 share ${counts['a/1']! / 4000}`);
});

const prices: Record<string, PriceConfig> = {
  'big/m': { input: 10, output: 30 },
  'small/m': { input: 0.5, output: 1.5 },
  'output-heavy/m': { input: 0.1, output: 60 },
  'flat/m': { input: 0, output: 0, perRequest: 0.02 },
};

const cheapestRows = [
  { name: 'lowest estimated cost first, unknown price last', targets: ['big/m', 'unknown/m', 'small/m'], prompt: 1000, output: 500, expected: ['small/m', 'big/m', 'unknown/m'] },
  { name: 'long prompt, short answer: cheap input wins', targets: ['output-heavy/m', 'big/m'], prompt: 100_000, output: 10, expected: ['output-heavy/m', 'big/m'] },
  { name: 'short prompt, long answer: cheap output wins', targets: ['output-heavy/m', 'big/m'], prompt: 10, output: 10_000, expected: ['big/m', 'output-heavy/m'] },
  { name: 'per-request price counts', targets: ['flat/m', 'small/m'], prompt: 100, output: 100, expected: ['small/m', 'flat/m'] },
  { name: 'ties keep the route order', targets: ['unknown/a', 'unknown/b'], prompt: 100, output: 100, expected: ['unknown/a', 'unknown/b'] },
];
for (const row of cheapestRows) {
  test(`cheapest: ${row.name}`, () => {
    const c = ctx({ priceOf: (ref) => prices[ref] ?? null, estimatedPromptTokens: row.prompt, estimatedOutputTokens: row.output });
    assert.deepEqual(refs(orderCheapest(row.targets.map((r) => t(r)), c)), row.expected);
  });
}

test('cheapest: the cost estimate is USD per 1M tokens', () => {
  assert.equal(estimateCostUsd({ input: 3, output: 15 }, { estimatedPromptTokens: 1_000_000, estimatedOutputTokens: 100_000 }), 3 + 1.5);
  assert.equal(estimateCostUsd(null, { estimatedPromptTokens: 1, estimatedOutputTokens: 1 }), Number.POSITIVE_INFINITY);
});

const stats = (latencyMs: number, ttfbMs: number): LatencyStats => ({ latencyMs, ttfbMs, samples: 3, updatedAt: 0 });
const latencies: Record<string, LatencyStats> = { 'slow/m': stats(900, 500), 'quick/m': stats(300, 50), 'steady/m': stats(200, 150) };

const fastestRows = [
  { name: 'non-streaming ranks by whole latency', stream: false, targets: ['slow/m', 'quick/m', 'steady/m'], random: [0.99], exploration: 0, expected: ['steady/m', 'quick/m', 'slow/m'] },
  { name: 'streaming ranks by time to first byte', stream: true, targets: ['slow/m', 'quick/m', 'steady/m'], random: [0.99], exploration: 0, expected: ['quick/m', 'steady/m', 'slow/m'] },
  { name: 'an unmeasured target goes first, to be measured', stream: false, targets: ['quick/m', 'new/m'], random: [0.99], exploration: 0, expected: ['new/m', 'quick/m'] },
  { name: 'exploration draw below the rate moves another target to the front', stream: false, targets: ['slow/m', 'steady/m', 'quick/m'], random: [0.01, 0.6], exploration: 0.05, expected: ['slow/m', 'steady/m', 'quick/m'] },
  { name: 'exploration draw above the rate keeps the ranking', stream: false, targets: ['slow/m', 'steady/m', 'quick/m'], random: [0.5], exploration: 0.05, expected: ['steady/m', 'quick/m', 'slow/m'] },
];
for (const row of fastestRows) {
  test(`fastest: ${row.name}`, () => {
    const c = ctx({ stream: row.stream, latencyOf: (ref) => latencies[ref], random: sequence(row.random), exploration: row.exploration });
    assert.deepEqual(refs(orderFastest(row.targets.map((r) => t(r)), c)), row.expected);
  });
}
