// Model discovery over real HTTP against a fake process serving each provider's listing shape.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findCatalogEntry } from '../proxy/providers/catalog';
import type { CatalogEntry } from '../proxy/providers/catalog-types';
import { discoverModels } from '../proxy/providers/discovery/discover-models';
import { mergeModels } from '../proxy/providers/discovery/merge-models';
import { type RunningFake, startProviderFake } from './fakes/start-provider-fake';

let fake: RunningFake;
before(async () => {
  fake = await startProviderFake();
});
after(async () => {
  await fake.stop();
});

function entry(id: string): CatalogEntry {
  const found = findCatalogEntry(id);
  assert.ok(found);
  return found;
}

const ROWS = [
  { name: 'OpenAI-compatible', id: 'openrouter', path: '/openai/v1', secret: 'sk-or', expected: ['fake-a', 'fake-b'] },
  { name: 'Anthropic, two pages', id: 'anthropic', path: '/anthropic/v1', secret: 'sk-ant-fake', expected: ['claude-a', 'claude-b', 'claude-c'] },
  { name: 'Gemini, two pages', id: 'gemini', path: '/gemini/v1beta', secret: 'AIza-fake', expected: ['gemini-2.5-flash', 'gemini-2.5-pro'] },
  { name: 'Ollama via /api/tags', id: 'ollama', path: '/v1', secret: undefined, expected: ['llama3.2:latest', 'qwen3:8b'] },
  { name: 'a wrong key lists nothing', id: 'anthropic', path: '/anthropic/v1', secret: 'wrong', expected: [] },
];

for (const row of ROWS) {
  test(`discoverModels: ${row.name}`, async () => {
    const models = await discoverModels(entry(row.id), `${fake.origin}${row.path}`, row.secret, undefined, { cache: new Map() });
    assert.deepEqual(models, row.expected);
  });
}

test('discovered models merge with the catalog’s', async () => {
  const groq = entry('groq');
  const discovered = await discoverModels(groq, `${fake.origin}/openai/v1`, 'k', undefined, { cache: new Map() });
  const merged = mergeModels(groq.models, undefined, discovered);
  assert.equal(merged.length, (groq.models?.length ?? 0) + 2);
  assert.deepEqual(merged.slice(-2).map((m) => [m.id, m.source]), [['fake-a', 'discovered'], ['fake-b', 'discovered']]);
});
