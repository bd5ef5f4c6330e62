import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Usage } from '../canonical';
import { usageFromGemini, usageToGemini } from './gemini-usage';
import type { GeminiUsageMetadata } from './gemini-wire';

const pairs: Array<{ name: string; gemini: GeminiUsageMetadata; canonical: Usage }> = [
  { name: 'plain', gemini: { promptTokenCount: 5, candidatesTokenCount: 7, totalTokenCount: 12 }, canonical: { inputTokens: 5, outputTokens: 7 } },
  { name: 'thoughts and cache', gemini: { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 150, cachedContentTokenCount: 60, thoughtsTokenCount: 30 }, canonical: { inputTokens: 100, outputTokens: 50, cachedInputTokens: 60, reasoningTokens: 30 } },
];

for (const c of pairs) {
  test(`gemini usage round trip: ${c.name}`, () => {
    assert.deepEqual(usageFromGemini(c.gemini), c.canonical);
    assert.deepEqual(usageToGemini(c.canonical), c.gemini);
  });
}

test('usageFromGemini: missing counts are zero, and a first chunk without candidates still reports input', () => {
  assert.deepEqual(usageFromGemini({ promptTokenCount: 8, totalTokenCount: 8 }), { inputTokens: 8, outputTokens: 0 });
  assert.deepEqual(usageFromGemini({}), { inputTokens: 0, outputTokens: 0 });
});
