// Ledger arithmetic against examples computed by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressionSaving, keyedPromptCacheSaving, promptCacheSaving, responseCacheSaving } from './price-savings';

const sonnet = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };
const close = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

test('response cache: the original recorded cost is the saving', () => {
  const s = responseCacheSaving({ requestId: 'req_a', target: 'alpha/m', costUsd: 0.0045, storedAt: 0 });
  assert.deepEqual([s.method, s.baseline, s.actual, s.savedUsd, s.verified], ['response_cache', 0.0045, 0, 0.0045, true]);
  assert.equal(s.evidence.originalRequestId, 'req_a');
});

test('response cache: an original without a cost is recorded unverified at $0', () => {
  const s = responseCacheSaving({ requestId: 'req_a', target: 'alpha/m', costUsd: null, storedAt: 0 });
  assert.deepEqual([s.baseline, s.actual, s.savedUsd, s.verified], [null, null, 0, false]);
  assert.match(String(s.evidence.unverifiedBecause), /no recorded cost/);
});

test('prompt cache: 10,000 cached tokens at $3 → $0.30 per M saves $0.027', () => {
  // baseline 10,000 × 3 / 1e6 = 0.03; actual 10,000 × 0.3 / 1e6 = 0.003; saved 0.027
  const s = promptCacheSaving({ inputTokens: 12_000, outputTokens: 10, cachedInputTokens: 10_000 }, sonnet, 'test')!;
  close(s.baseline, 0.03);
  close(s.actual, 0.003);
  close(s.savedUsd, 0.027);
});

test('prompt cache: the write premium is subtracted', () => {
  // reads 8,000: 0.024 → 0.0024 (saves 0.0216); writes 2,000: 0.006 → 0.0075 (costs 0.0015); net 0.0201
  const s = promptCacheSaving({ inputTokens: 11_000, outputTokens: 10, cachedInputTokens: 8_000, cacheWriteTokens: 2_000 }, sonnet, 'test')!;
  close(s.baseline, 0.03);
  close(s.actual, 0.0099);
  close(s.savedUsd, 0.0201);
});

test('prompt cache: a write never read back is a net cost, recorded as such', () => {
  // 4,000 written: 0.012 at input, 0.015 as writes → −0.003
  const s = promptCacheSaving({ inputTokens: 5_000, outputTokens: 1, cacheWriteTokens: 4_000 }, sonnet, 'test')!;
  close(s.savedUsd, -0.003);
});

test('prompt cache: nothing cached means no entry; unknown price is unverified $0', () => {
  assert.equal(promptCacheSaving({ inputTokens: 100, outputTokens: 1 }, sonnet, 'test'), undefined);
  const s = promptCacheSaving({ inputTokens: 100, outputTokens: 1, cachedInputTokens: 50 }, null, 'test')!;
  assert.deepEqual([s.savedUsd, s.verified], [0, false]);
});

const gpt = { input: 2, output: 8, cachedInput: 0.5 };
const keyedRows: Array<{ name: string; usage: { inputTokens: number; outputTokens: number; cachedInputTokens?: number }; price: typeof gpt | null; discount?: number; entry: boolean }> = [
  // 4,000 cached tokens × ($2 − $0.50) / 1e6 = 0.006, kept as evidence only
  { name: 'a hit: its discount is evidence, nothing is counted', usage: { inputTokens: 5_000, outputTokens: 1, cachedInputTokens: 4_000 }, price: gpt, discount: 0.006, entry: true },
  { name: 'a hit without a price: no discount either', usage: { inputTokens: 5_000, outputTokens: 1, cachedInputTokens: 4_000 }, price: null, entry: true },
  { name: 'no hit: no entry', usage: { inputTokens: 5_000, outputTokens: 1 }, price: gpt, entry: false },
];
for (const row of keyedRows) {
  test(`prompt_cache_key (OpenAI caches on its own): ${row.name}`, () => {
    const s = keyedPromptCacheSaving(row.usage, row.price, 'prompt_cache_key sy-1 sent by Switchyard');
    if (!row.entry) return assert.equal(s, undefined);
    assert.deepEqual([s!.method, s!.baseline, s!.actual, s!.savedUsd, s!.verified], ['prompt_cache', null, null, 0, false]);
    assert.equal(s!.evidence.cachedInputTokens, row.usage.cachedInputTokens);
    if (row.discount === undefined) assert.equal(s!.evidence.cacheDiscountUsd, undefined);
    else close(s!.evidence.cacheDiscountUsd as number, row.discount);
    assert.match(String(s!.evidence.unverifiedBecause), /without a prompt_cache_key/);
  });
}

test('compression: 52,000 → 12,000 tokens at $3 per M saves $0.12', () => {
  const s = compressionSaving({ baselineTokens: 52_000, actualTokens: 12_000, countedBy: 'anthropic count_tokens' }, { inputTokens: 12_000, outputTokens: 5 }, sonnet, {});
  close(s.baseline, 0.156);
  close(s.actual, 0.036);
  close(s.savedUsd, 0.12);
  assert.equal(s.verified, true);
});

test('compression with prompt-cache reads in the request: priced at the cache-read rate (the provable lower bound)', () => {
  // 40,000 removed tokens × $0.30 / 1e6 = 0.012
  const s = compressionSaving({ baselineTokens: 52_000, actualTokens: 12_000, countedBy: 'x' }, { inputTokens: 12_000, outputTokens: 5, cachedInputTokens: 6_000 }, sonnet, {});
  close(s.savedUsd, 0.012);
});

test('compression that cannot be counted exactly is recorded unverified at $0', () => {
  const s = compressionSaving({ unknown: 'cohere has no public tokenizer' }, { inputTokens: 10, outputTokens: 1 }, sonnet, { outputs: 1 });
  assert.deepEqual([s.baseline, s.actual, s.savedUsd, s.verified], [null, null, 0, false]);
  assert.equal(s.evidence.unverifiedBecause, 'cohere has no public tokenizer');
});
