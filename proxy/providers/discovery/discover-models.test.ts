import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCatalogEntry } from '../catalog';
import type { CatalogEntry } from '../catalog-types';
import { type CachedListing, type DiscoveryFetch, discoverModels, lastDiscoveryError, readModelIds } from './discover-models';
import { mergeModels, toOpenAiModelList } from './merge-models';

const entry = (id: string): CatalogEntry => {
  const found = findCatalogEntry(id);
  assert.ok(found);
  return found;
};

interface Seen { url: string; headers: Record<string, string> }

function fakeFetch(routes: Record<string, unknown>, seen: Seen[] = []): DiscoveryFetch {
  return async (url, init) => {
    seen.push({ url, headers: init.headers });
    if (!(url in routes)) return { status: 404, json: async () => ({ error: 'not found' }) };
    return { status: 200, json: async () => routes[url] };
  };
}

const SHAPE_ROWS = [
  { name: 'OpenAI', input: { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }, { id: 'o3' }] }, expected: ['gpt-4o', 'o3'] },
  { name: 'Anthropic', input: { data: [{ type: 'model', id: 'claude-sonnet-4-20250514', display_name: 'Claude Sonnet 4' }], has_more: false }, expected: ['claude-sonnet-4-20250514'] },
  { name: 'Gemini', input: { models: [{ name: 'models/gemini-2.5-pro', supportedGenerationMethods: ['generateContent'] }] }, expected: ['gemini-2.5-pro'] },
  { name: 'Ollama /api/tags', input: { models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest', size: 1 }] }, expected: ['llama3.2:latest'] },
  { name: 'nonsense', input: 'nope', expected: [] },
];
for (const row of SHAPE_ROWS) {
  test(`readModelIds: ${row.name}`, () => assert.deepEqual(readModelIds(row.input), row.expected));
}

test('OpenAI-compatible listing sends the bearer key and returns sorted ids', async () => {
  const seen: Seen[] = [];
  const fetch = fakeFetch({ 'https://api.groq.com/openai/v1/models': { data: [{ id: 'b' }, { id: 'a' }, { id: 'a' }] } }, seen);
  const models = await discoverModels(entry('groq'), 'https://api.groq.com/openai/v1', 'gsk-1', fetch, { cache: new Map() });
  assert.deepEqual(models, ['a', 'b']);
  assert.equal(seen[0].headers.authorization, 'Bearer gsk-1');
});

test('Anthropic listing follows has_more/last_id and sends its version header', async () => {
  const seen: Seen[] = [];
  const base = 'https://api.anthropic.com/v1';
  const fetch = fakeFetch({
    [`${base}/models`]: { data: [{ id: 'm1' }], has_more: true, last_id: 'm1' },
    [`${base}/models?after_id=m1`]: { data: [{ id: 'm2' }], has_more: false, last_id: 'm2' },
  }, seen);
  assert.deepEqual(await discoverModels(entry('anthropic'), base, 'sk-ant', fetch, { cache: new Map() }), ['m1', 'm2']);
  assert.equal(seen[0].headers['x-api-key'], 'sk-ant');
  assert.equal(seen[0].headers['anthropic-version'], '2023-06-01');
});

test('Gemini listing follows nextPageToken and strips models/', async () => {
  const base = 'https://generativelanguage.googleapis.com/v1beta';
  const fetch = fakeFetch({
    [`${base}/models`]: { models: [{ name: 'models/gemini-2.5-flash' }], nextPageToken: 'p2' },
    [`${base}/models?pageToken=p2`]: { models: [{ name: 'models/gemini-2.5-pro' }] },
  });
  assert.deepEqual(await discoverModels(entry('gemini'), base, 'AIza', fetch, { cache: new Map() }), ['gemini-2.5-flash', 'gemini-2.5-pro']);
});

test('Ollama falls back to /api/tags when /v1/models is missing', async () => {
  const fetch = fakeFetch({ 'http://127.0.0.1:11434/api/tags': { models: [{ name: 'qwen3:8b' }] } });
  assert.deepEqual(await discoverModels(entry('ollama'), 'http://127.0.0.1:11434/v1', undefined, fetch, { cache: new Map() }), ['qwen3:8b']);
});

test('results are cached until the TTL passes', async () => {
  let calls = 0;
  let now = 0;
  const fetch: DiscoveryFetch = async () => {
    calls += 1;
    return { status: 200, json: async () => ({ data: [{ id: `m${calls}` }] }) };
  };
  const options = { cache: new Map<string, CachedListing>(), now: () => now, ttlMs: 1000 };
  assert.deepEqual(await discoverModels(entry('groq'), 'http://x/v1', 'k', fetch, options), ['m1']);
  now = 999;
  assert.deepEqual(await discoverModels(entry('groq'), 'http://x/v1', 'k', fetch, options), ['m1']);
  now = 1000;
  assert.deepEqual(await discoverModels(entry('groq'), 'http://x/v1', 'k', fetch, options), ['m2']);
  assert.equal(calls, 2);
});

test('a failing provider yields [] with a remembered reason, and keeps old results when it had some', async () => {
  const cache = new Map<string, CachedListing>();
  let now = 0;
  let up = true;
  const fetch: DiscoveryFetch = async () => (up ? { status: 200, json: async () => ({ data: [{ id: 'm' }] }) } : { status: 503, json: async () => ({}) });
  const e = entry('groq');
  assert.deepEqual(await discoverModels(e, 'http://x/v1', 'k', fetch, { cache, now: () => now, ttlMs: 10 }), ['m']);
  up = false;
  now = 20;
  assert.deepEqual(await discoverModels(e, 'http://x/v1', 'k', fetch, { cache, now: () => now, ttlMs: 10 }), ['m']);
  assert.match(lastDiscoveryError(e, 'http://x/v1', 'k', cache) ?? '', /answered 503/);
  assert.deepEqual(await discoverModels(e, 'http://y/v1', 'k', fetch, { cache, now: () => now }), []);
});

test('a provider that never answers is cut off by the timeout', async () => {
  const fetch: DiscoveryFetch = (_url, init) =>
    new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
  const started = Date.now();
  const cache = new Map<string, CachedListing>();
  assert.deepEqual(await discoverModels(entry('groq'), 'http://x/v1', 'k', fetch, { cache, timeoutMs: 50 }), []);
  assert.ok(Date.now() - started < 2000);
  assert.ok(lastDiscoveryError(entry('groq'), 'http://x/v1', 'k', cache));
});

test('mergeModels keeps catalog facts, adds configured and discovered ids once', () => {
  const merged = mergeModels([{ id: 'a', contextWindow: 10 }], ['a', 'b'], ['b', 'c']);
  assert.deepEqual(merged, [
    { id: 'a', contextWindow: 10, source: 'catalog' },
    { id: 'b', source: 'config' },
    { id: 'c', source: 'discovered' },
  ]);
  assert.deepEqual(toOpenAiModelList('local', merged.slice(2)), [{ id: 'local/c', object: 'model', created: 0, owned_by: 'local' }]);
});
