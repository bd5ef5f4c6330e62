// The catalog covers the built-in providers with sources; layers override in the documented order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG } from '../providers/catalog';
import { PriceBook } from './price-book';
import { PRICE_GROUPS } from './price-table';
import { CATALOG_PRICES } from '../providers/catalog-prices';
import { loadPriceFile, readPriceFile } from './price-file';
import { ConfigError } from '../config/load-config';

/**
 * Providers whose prices are deliberately not built in (README "Prices" says why): resellers and
 * hosts whose per-model prices change too often to ship from memory. Their cost is unknown (null)
 * unless config `prices` or a price file sets it. Local runtimes are priced at zero instead.
 */
const UNPRICED = new Set(['openrouter', 'azure', 'perplexity', 'cerebras', 'deepinfra', 'huggingface', 'nvidia', 'cloudflare', 'github', 'zhipu', 'zai', 'qwen', 'sambanova', 'nebius', 'novita', 'hyperbolic', 'lambda', 'scaleway', 'ai21', 'siliconflow', 'minimax', 'baseten', 'featherless', 'upstage', 'venice', 'friendli']);

test('every catalog provider has a price group with a source URL and a review date, or is listed as unpriced', () => {
  for (const entry of CATALOG) {
    const group = PRICE_GROUPS.find((g) => g.provider === entry.id);
    if (UNPRICED.has(entry.id)) {
      assert.equal(group, undefined, entry.id);
      continue;
    }
    if (!group && (entry.local || Object.keys(CATALOG_PRICES).some((k) => k.startsWith(`${entry.id}/`)))) continue;
    assert.ok(group, `${entry.id} has prices`);
    assert.match(group.source, /^https:\/\//, `${entry.id} source`);
    assert.match(group.reviewed, /^\d{4}-\d{2}-\d{2}$/, `${entry.id} review date`);
    assert.ok(Object.keys(group.models).length > 0, `${entry.id} models`);
    for (const [model, price] of Object.entries(group.models)) {
      assert.ok(price.input >= 0 && price.output >= 0, `${entry.id}/${model}`);
      if (price.cachedInput !== undefined) assert.ok(price.cachedInput <= price.input, `${entry.id}/${model} cache reads are a discount`);
    }
  }
});

const book = new PriceBook({
  providers: [
    { id: 'g', kind: 'groq' },
    { id: 'local', kind: 'ollama' },
    { id: 'router', kind: 'openrouter' },
    { id: 'alpha', kind: 'openai', prices: { 'm-large': { input: 3, output: 15 } } },
  ],
  prices: { 'g/llama-3.1-8b-instant': { input: 9, output: 9 } },
});

const lookupRows = [
  { name: 'provider kind selects its own group', input: ['g', 'llama-3.3-70b-versatile'], expected: { input: 0.59, output: 0.79 } },
  { name: 'model ids with slashes', input: ['g', 'openai/gpt-oss-120b'], expected: { input: 0.15, cachedInput: 0.075, output: 0.6 } },
  { name: 'config beats built-in', input: ['g', 'llama-3.1-8b-instant'], expected: { input: 9, output: 9 } },
  { name: 'local servers cost nothing', input: ['local', 'llama3.2:3b'], expected: { input: 0, output: 0 } },
  { name: 'OpenRouter ids fall back to first-party list prices', input: ['router', 'openai/gpt-4o-mini'], expected: { input: 0.15, cachedInput: 0.075, output: 0.6 } },
  { name: 'an exact snapshot beats its prefix', input: ['alpha', 'gpt-4o-2024-05-13'], expected: { input: 5, output: 15 } },
  { name: 'a dated snapshot matches by prefix', input: ['alpha', 'gpt-4o-2024-08-06'], expected: { input: 2.5, cachedInput: 1.25, output: 10 } },
  { name: 'Anthropic cache write and read prices', input: ['anthropic', 'claude-sonnet-4-5-20250929'], expected: { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 } },
  { name: 'a prefix must end at a separator', input: ['alpha', 'gpt-4ox'], expected: null },
  { name: 'unknown is null', input: ['g', 'no-such-model'], expected: null },
  { name: 'an inherited property name is no price', input: ['alpha', 'constructor'], expected: null },
  { name: '__proto__ is no price', input: ['g', '__proto__'], expected: null },
  { name: 'toString is no price', input: ['anthropic', 'toString'], expected: null },
] as const;

for (const row of lookupRows) {
  test(`PriceBook: ${row.name}`, () => assert.deepEqual(book.priceOf(row.input[0], row.input[1]), row.expected));
}

test('price file: overrides built-in prices, is overridden by config, and reports its source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-prices-'));
  writeFileSync(join(dir, 'prices.json'), JSON.stringify({
    source: 'https://example.com/our-negotiated-rates',
    reviewed: '2026-01-02',
    prices: { 'openai/gpt-4o': { input: 2, output: 8 }, 'g/llama-3.3-70b-versatile': { input: 0.5, output: 0.5 }, 'claude-sonnet-4-5': { input: 2.5, output: 12 }, 'alpha/m-large': { input: 1, output: 1 } },
  }));
  const file = loadPriceFile({ dataDir: dir });
  assert.ok(file);
  const layered = new PriceBook({ providers: [{ id: 'g', kind: 'groq' }, { id: 'o', kind: 'openai' }, { id: 'alpha', kind: 'openai', prices: { 'm-large': { input: 3, output: 15 } } }] }, file);
  assert.deepEqual(layered.priceOf('o', 'gpt-4o-2024-08-06'), { input: 2, output: 8 }, 'by kind, snapshot by prefix');
  assert.deepEqual(layered.priceOf('g', 'llama-3.3-70b-versatile'), { input: 0.5, output: 0.5 }, 'by provider id');
  assert.deepEqual(layered.priceOf('anthropic', 'claude-sonnet-4-5-20250929'), { input: 2.5, output: 12 }, 'bare model id');
  assert.deepEqual(layered.priceOf('alpha', 'm-large'), { input: 3, output: 15 }, 'config wins');
  assert.deepEqual(layered.lookup('g', 'llama-3.3-70b-versatile')?.from, { layer: 'price-file', source: 'https://example.com/our-negotiated-rates', reviewed: '2026-01-02' });
  assert.equal(layered.lookup('g', 'llama-3.1-8b-instant')?.from.layer, 'built-in');
  assert.equal(loadPriceFile({ dataDir: mkdtempSync(join(tmpdir(), 'switchyard-none-')) }), undefined, 'no file, no layer');
});

const badFiles = [
  { name: 'not JSON', input: '{', expected: /not valid JSON/ },
  { name: 'negative price', input: JSON.stringify({ prices: { m: { input: -1, output: 1 } } }), expected: /prices\.m\.input/ },
  { name: 'unknown price field', input: JSON.stringify({ prices: { m: { input: 1, output: 1, cached: 1 } } }), expected: /prices\.m.*unknown field cached/ },
  { name: 'missing prices', input: JSON.stringify({ source: 'x' }), expected: /prices/ },
];
for (const row of badFiles) {
  test(`price file: ${row.name} is refused naming the file and field`, () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchyard-bad-')), 'prices.json');
    writeFileSync(path, row.input);
    assert.throws(() => readPriceFile(path), (err: unknown) => err instanceof ConfigError && err.message.startsWith(path) && row.expected.test(err.message));
  });
}
