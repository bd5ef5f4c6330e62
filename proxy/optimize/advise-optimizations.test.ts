// The advisor on recorded traffic: observations written by hand, effects computed by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestInsight } from '../store/store';
import { configSchema } from '../config/schema';
import { adviseOptimizations, type AdvisorInput } from './advise-optimizations';
import { optimizeSettingsFor } from './optimize-settings';
import { modelFamily } from './model-family';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const PRICES: Record<string, { input: number; output: number; cachedInput?: number }> = {
  'ant/claude-sonnet-4-5': { input: 3, output: 15, cachedInput: 0.3 },
  'ant/claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
  'ant/claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5 },
  'oa/gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
};

let n = 0;
function insight(over: Partial<RequestInsight>): RequestInsight {
  n++;
  return {
    requestId: `req_${n}`, at: NOW - 10 * DAY, client: 'ci', route: 'claude', target: 'ant/claude-sonnet-4-5', fingerprint: `fp_${n}`,
    cacheable: false, cacheHit: false, promptCache: 'gateway', inputTokens: 1000, outputTokens: 100, cachedTokens: 0, costUsd: 0.0045, toolOutputs: [],
    ...over,
  };
}

function input(insights: RequestInsight[], config: unknown = {}): AdvisorInput {
  return {
    insights,
    now: NOW,
    settings: optimizeSettingsFor(configSchema.parse(config)),
    priceOf: (ref) => PRICES[ref] ?? null,
    modelsOf: (provider) => Object.keys(PRICES).filter((r) => r.startsWith(provider + '/')).map((r) => r.slice(r.indexOf('/') + 1)),
  };
}

test('model families group sizes of one generation', () => {
  const rows = [
    ['claude-sonnet-4-5', 'claude-4-5'], ['claude-haiku-4-5-20251001', 'claude-4-5'], ['claude-3-5-sonnet-20241022', 'claude-3-5'],
    ['gpt-4o-mini', 'gpt-4o'], ['gpt-4o-2024-08-06', 'gpt-4o'], ['gemini-2.5-flash-lite', 'gemini-2.5'], ['gpt-5-nano', 'gpt-5'],
  ];
  for (const [model, family] of rows) assert.equal(modelFamily(model!), family, model);
});

test('no traffic, no suggestions', () => {
  assert.deepEqual(adviseOptimizations(input([])), []);
});

test('cheaper model of the same family: the next size down, monthly effect from 10 days of traffic', () => {
  // 10 requests × (1000 in, 100 out) on sonnet: 10 × (0.003 + 0.0015) = 0.045; on haiku: 10 × (0.001 + 0.0005) = 0.015.
  // Saving 0.03 over 10 days → 0.09 per 30 days. Opus is pricier, so it is no candidate.
  const traffic = Array.from({ length: 10 }, () => insight({}));
  const s = adviseOptimizations(input(traffic)).find((x) => x.id === 'cheaper-model-ant/claude-sonnet-4-5');
  assert.ok(s);
  assert.equal(s.data.alternative, 'ant/claude-haiku-4-5');
  assert.equal(s.monthlyEffectUsd, 0.09);
  assert.equal(s.data.costUsd, 0.045);
  assert.equal(s.data.alternativeCostUsd, 0.015);
});

test('repeated sampled requests: every repeat after the first is what caching would save', () => {
  const traffic = [
    insight({ fingerprint: 'same', costUsd: 0.01 }), insight({ fingerprint: 'same', costUsd: 0.01 }), insight({ fingerprint: 'same', costUsd: 0.01 }),
    insight({ fingerprint: 'once', costUsd: 0.5 }),
    // Already cacheable or already hits: not advice.
    insight({ fingerprint: 'det', cacheable: true, costUsd: 0.2 }), insight({ fingerprint: 'det', cacheable: true, costUsd: 0.2 }),
  ];
  const s = adviseOptimizations(input(traffic)).find((x) => x.id === 'cache-route-claude');
  assert.ok(s);
  assert.deepEqual([s.data.repeatedRequests, s.data.distinctRequests, s.data.repeatCostUsd], [2, 1, 0.02]);
  assert.equal(s.monthlyEffectUsd, 0.06); // 0.02 over 10 days
});

test('tool output: the costliest command first; no forecast until compression has been measured', () => {
  const traffic = [
    insight({ toolOutputs: [{ command: 'npm test', chars: 40_000 }, { command: 'git diff', chars: 4_000 }] }),
    insight({ toolOutputs: [{ command: 'npm test', chars: 40_000 }] }),
  ];
  const s = adviseOptimizations(input(traffic)).find((x) => x.id === 'enable-compression')!;
  assert.equal(s.monthlyEffectUsd, null);
  const commands = s.data.commands as Array<{ command: string; usd: number; monthlyUsd: number }>;
  assert.equal(commands[0]!.command, 'npm test');
  // 80,000 chars / 4 = 20,000 tokens × $3 / 1M = $0.06 in 10 days → $0.18 a month
  assert.equal(commands[0]!.monthlyUsd, 0.18);
  const measured = adviseOptimizations({ ...input(traffic), compressionRatio: 0.5 }).find((x) => x.id === 'enable-compression')!;
  // (0.18 + 0.009) × 0.5
  assert.equal(measured.monthlyEffectUsd, 0.0945);
  assert.equal(adviseOptimizations(input(traffic, { optimize: { compression: { enabled: true } } })).find((x) => x.id === 'enable-compression'), undefined);
});

test('prompt caching not in use: forecast from the hit rate measured on hinted requests to the same target', () => {
  const traffic = [
    insight({ target: 'oa/gpt-4o', promptCache: 'none', inputTokens: 10_000, cachedTokens: 0 }),
    insight({ target: 'oa/gpt-4o', promptCache: 'none', inputTokens: 500, cachedTokens: 0 }), // too short to cache
    insight({ target: 'oa/gpt-4o', promptCache: 'gateway', inputTokens: 4_000, cachedTokens: 2_000 }),
  ];
  const s = adviseOptimizations(input(traffic)).find((x) => x.id === 'prompt-cache-oa/gpt-4o')!;
  // 10,000 × 0.5 hit rate × ($2.5 − $1.25) / 1M = 0.00625 in 10 days → 0.01875 a month
  assert.equal(s.data.requests, 1);
  assert.equal(s.data.measuredHitRate, 0.5);
  assert.equal(s.monthlyEffectUsd, 0.01875);
});

test('suggestions come sorted by monthly effect, unknown effects last', () => {
  const traffic = [...Array.from({ length: 10 }, () => insight({ toolOutputs: [{ command: 'ls', chars: 100 }] }))];
  const effects = adviseOptimizations(input(traffic)).map((s) => s.monthlyEffectUsd);
  const known = effects.filter((e) => e !== null) as number[];
  assert.deepEqual(known, [...known].sort((a, b) => b - a));
  assert.equal(effects.indexOf(null) === -1 || effects.slice(effects.indexOf(null)).every((e) => e === null), true);
});
