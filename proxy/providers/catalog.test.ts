import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG, findCatalogEntry, findCatalogModel } from './catalog';

const REQUIRED_IDS = [
  'openai', 'anthropic', 'gemini', 'vertex', 'azure', 'bedrock', 'mistral', 'cohere', 'groq', 'together', 'fireworks',
  'deepseek', 'xai', 'perplexity', 'cerebras', 'openrouter', 'deepinfra', 'huggingface', 'nvidia', 'cloudflare', 'github',
  'moonshot', 'zhipu', 'qwen', 'sambanova', 'nebius', 'novita', 'hyperbolic', 'lambda', 'scaleway', 'ollama', 'lmstudio',
  'vllm', 'llamacpp', 'localai',
];

test('the catalog holds at least 40 providers, every one the issue names among them', () => {
  assert.ok(CATALOG.length >= 40, `only ${CATALOG.length} providers`);
  for (const id of REQUIRED_IDS) assert.ok(findCatalogEntry(id), `missing ${id}`);
});

test('ids are unique and URL-safe, base URLs parse, placeholders are declared', () => {
  const seen = new Set<string>();
  for (const entry of CATALOG) {
    assert.ok(!seen.has(entry.id), `duplicate ${entry.id}`);
    seen.add(entry.id);
    assert.match(entry.id, /^[a-z0-9-]+$/);
    const placeholders = [...entry.baseUrl.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(placeholders)].sort(), [...(entry.baseUrlParams ?? [])].sort(), entry.id);
    assert.doesNotThrow(() => new URL(entry.baseUrl.replace(/\{[a-z_]+\}/g, 'x')), entry.id);
    assert.ok(!entry.baseUrl.endsWith('/'), `${entry.id} base URL ends with /`);
  }
});

test('model ids are unique per provider and context windows are positive integers', () => {
  for (const entry of CATALOG) {
    const ids = (entry.models ?? []).map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, entry.id);
    for (const model of entry.models ?? []) {
      if (model.contextWindow !== undefined) assert.ok(Number.isInteger(model.contextWindow) && model.contextWindow > 0, `${entry.id}/${model.id}`);
    }
  }
});

const AUTH_ROWS = [
  { name: 'OpenAI uses a bearer key', id: 'openai', auth: 'bearer', wire: 'openai' },
  { name: 'Anthropic uses x-api-key', id: 'anthropic', auth: 'x-api-key', wire: 'anthropic' },
  { name: 'Gemini uses its query/header key', id: 'gemini', auth: 'query-key', wire: 'gemini' },
  { name: 'Azure uses the api-key header', id: 'azure', auth: 'azure-api-key', wire: 'openai' },
  { name: 'Bedrock signs with SigV4', id: 'bedrock', auth: 'aws-sigv4', wire: 'bedrock' },
  { name: 'Vertex exchanges a service account', id: 'vertex', auth: 'google-service-account', wire: 'gemini' },
  { name: 'Ollama needs nothing', id: 'ollama', auth: 'none', wire: 'openai' },
];

for (const row of AUTH_ROWS) {
  test(row.name, () => {
    const entry = findCatalogEntry(row.id);
    assert.equal(entry?.auth, row.auth);
    assert.equal(entry?.wire, row.wire);
  });
}

test('findCatalogModel knows a model and misses an unknown one', () => {
  assert.equal(findCatalogModel('openai', 'gpt-4o')?.contextWindow, 128_000);
  assert.equal(findCatalogModel('openai', 'no-such-model'), undefined);
  assert.equal(findCatalogModel('no-such-provider', 'gpt-4o'), undefined);
});
