import { test } from 'node:test';
import assert from 'node:assert/strict';
import { priceUsage } from './price-usage';
import { PriceBook } from './price-book';
import { usageFromGemini } from '../formats/gemini/gemini-usage';

const sonnet = { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 };

const rows = [
  { name: 'plain input and output', usage: { inputTokens: 1000, outputTokens: 500 }, price: { input: 2, output: 8 }, expected: (1000 * 2 + 500 * 8) / 1e6 },
  { name: 'cached prompt tokens at the cached price', usage: { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 800 }, price: { input: 2.5, cachedInput: 1.25, output: 10 }, expected: (200 * 2.5 + 800 * 1.25) / 1e6 },
  { name: 'cache writes at the write price', usage: { inputTokens: 1100, outputTokens: 10, cachedInputTokens: 100, cacheWriteTokens: 900 }, price: sonnet, expected: (100 * 3 + 100 * 0.3 + 900 * 3.75 + 10 * 15) / 1e6 },
  { name: 'no cached price falls back to input price', usage: { inputTokens: 10, outputTokens: 0, cachedInputTokens: 10 }, price: { input: 1, output: 1 }, expected: 10 / 1e6 },
  { name: 'reasoning tokens at a reasoning price', usage: { inputTokens: 0, outputTokens: 100, reasoningTokens: 60 }, price: { input: 1, output: 2, reasoningOutput: 4 }, expected: (40 * 2 + 60 * 4) / 1e6 },
  { name: 'per-request fee', usage: { inputTokens: 0, outputTokens: 0 }, price: { input: 1, output: 1, perRequest: 0.005 }, expected: 0.005 },
  // An upstream's usage is its own to report: Gemini's counts are read as sent, so a hostile or broken
  // endpoint can send negative or non-numeric ones. Such usage is unknown, never a refund or NaN.
  { name: 'a negative cached count (Gemini) is unknown usage', usage: usageFromGemini({ promptTokenCount: 1000, candidatesTokenCount: 10, cachedContentTokenCount: -1e9 }), price: sonnet, expected: null },
  { name: 'a negative thoughts count (Gemini) is unknown usage', usage: usageFromGemini({ promptTokenCount: 0, candidatesTokenCount: 0, thoughtsTokenCount: -1e9 }), price: sonnet, expected: null },
  { name: 'negative input and output counts are unknown usage', usage: { inputTokens: -5000, outputTokens: -5000, cacheWriteTokens: -100 }, price: sonnet, expected: null },
  { name: 'a count that is not a number is unknown usage (never NaN)', usage: usageFromGemini({ promptTokenCount: 10, cachedContentTokenCount: 'lots' as unknown as number }), price: sonnet, expected: null },
  { name: 'an infinite count is unknown usage', usage: { inputTokens: Infinity, outputTokens: 1 }, price: sonnet, expected: null },
  // Found by test/faults-upstream-fuzz: a count past 2^53 priced at 1e188 USD, a fractional one was logged as such.
  { name: 'a count past 2^53 (Bedrock) is unknown usage, never a cost no budget can hold', usage: { inputTokens: 10, outputTokens: 2.8e194 }, price: sonnet, expected: null },
  { name: 'a fractional count (Gemini) is unknown usage', usage: usageFromGemini({ promptTokenCount: 10, candidatesTokenCount: 2.3e-132 }), price: sonnet, expected: null },
  { name: 'zero counts are known usage', usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 }, price: sonnet, expected: 0 },
  { name: 'unknown usage is unknown cost', usage: undefined, price: sonnet, expected: null },
  { name: 'unknown price is unknown cost', usage: { inputTokens: 1, outputTokens: 1 }, price: null, expected: null },
];

for (const row of rows) {
  test(`priceUsage: ${row.name}`, () => {
    const got = priceUsage(row.usage, row.price);
    if (row.expected === null) assert.equal(got, null);
    else assert.ok(Math.abs((got as number) - row.expected) < 1e-12 && (got as number) >= 0, `${got} != ${row.expected}`);
  });
}

test('PriceBook: provider prices beat config prices beat built-in; snapshots match by prefix', () => {
  const book = new PriceBook({
    providers: [{ id: 'alpha', kind: 'openai', prices: { 'm-large': { input: 3, output: 15 } } }],
    prices: { 'beta/gpt-4o': { input: 9, output: 9 } },
  });
  assert.deepEqual(book.priceOf('alpha', 'm-large'), { input: 3, output: 15 });
  assert.deepEqual(book.priceOf('beta', 'gpt-4o'), { input: 9, output: 9 });
  assert.equal(book.priceOf('openai', 'gpt-4o-mini-2024-07-18')?.input, 0.15);
  assert.equal(book.priceOf('anthropic', 'claude-sonnet-4-20250514')?.output, 15);
  assert.equal(book.priceOf('x', 'no-such-model'), null);
});
