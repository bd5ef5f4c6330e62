import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest, WireFormat } from '../formats/canonical';
import { dropForeignHints, untranslatableExtras } from './foreign-extras';

const base: CanonicalRequest = { model: 'm', stream: false, messages: [{ role: 'user', parts: [{ type: 'text', text: 'q' }] }] };

const cases: Array<{ name: string; wire: WireFormat; extras?: Record<string, unknown>; expected: Record<string, unknown> | undefined }> = [
  { name: 'no extras: nothing to drop', wire: 'gemini', extras: undefined, expected: undefined },
  {
    name: 'OpenAI chat hints are left behind for Anthropic, Gemini, Bedrock and Cohere',
    wire: 'anthropic',
    extras: { 'openai-chat.prompt_cache_key': 'k', 'openai-chat.prompt_cache_retention': '24h', 'openai-chat.safety_identifier': 'u', 'openai-chat.metadata': { a: 'b' }, 'openai-chat.store': true },
    expected: undefined,
  },
  { name: 'a hint beside a real feature: only the feature stays (and is refused later)', wire: 'gemini', extras: { 'openai-chat.store': true, 'openai-chat.logit_bias': { 50256: -100 } }, expected: { 'openai-chat.logit_bias': { 50256: -100 } } },
  { name: 'the default service tier is a hint', wire: 'gemini', extras: { 'openai-chat.service_tier': 'auto', 'anthropic.service_tier': 'auto' }, expected: undefined },
  { name: 'a paid service tier is not', wire: 'gemini', extras: { 'openai-chat.service_tier': 'flex', 'anthropic.service_tier': 'standard_only' }, expected: { 'openai-chat.service_tier': 'flex', 'anthropic.service_tier': 'standard_only' } },
  { name: "the target's own API keeps its hints for the codec to copy", wire: 'openai', extras: { 'openai-chat.metadata': { a: 'b' }, 'anthropic.service_tier': 'auto' }, expected: { 'openai-chat.metadata': { a: 'b' } } },
  { name: 'Anthropic keeps its own service tier', wire: 'anthropic', extras: { 'anthropic.service_tier': 'auto' }, expected: { 'anthropic.service_tier': 'auto' } },
  { name: 'extras of other kinds are never hints', wire: 'bedrock', extras: { truncation: 'auto', 'tools[0]': { type: 'web_search' } }, expected: { truncation: 'auto', 'tools[0]': { type: 'web_search' } } },
  { name: 'a client field named like an Object method is just a field', wire: 'openai', extras: { valueOf: [], constructor: 1, hasOwnProperty: 'x' }, expected: { valueOf: [], constructor: 1, hasOwnProperty: 'x' } },
];

for (const c of cases) {
  test(`dropForeignHints: ${c.name}`, () => {
    const request = c.extras ? { ...base, extras: c.extras } : base;
    const out = dropForeignHints(request, c.wire);
    assert.deepEqual(out.extras, c.expected);
    assert.deepEqual({ ...out, extras: undefined }, { ...base, extras: undefined }, 'everything else is untouched');
    if (c.expected !== undefined && Object.keys(c.expected).length === Object.keys(c.extras ?? {}).length) assert.equal(out, request, 'unchanged requests are not copied');
  });
}

const carried: Array<{ name: string; wire: WireFormat; extras: Record<string, unknown>; expected: Record<string, unknown> }> = [
  { name: "Anthropic's own extras go to its codec", wire: 'anthropic', extras: { 'anthropic.tools': [{ type: 'web_search_20250305' }], 'anthropic.service_tier': 'auto', 'anthropic.container': 'c1' }, expected: {} },
  { name: "OpenAI chat's own extras go to the OpenAI codec", wire: 'openai', extras: { 'openai-chat.logit_bias': { 50256: -100 }, 'openai-chat.store': true }, expected: {} },
  { name: 'foreign features are refused, foreign hints are not', wire: 'anthropic', extras: { 'openai-chat.logit_bias': { 50256: -100 }, 'openai-chat.metadata': {}, truncation: 'auto' }, expected: { 'openai-chat.logit_bias': { 50256: -100 }, truncation: 'auto' } },
  { name: 'a wire without a client API of its own carries none', wire: 'cohere', extras: { 'anthropic.container': 'c1', 'anthropic.service_tier': 'auto' }, expected: { 'anthropic.container': 'c1' } },
];

for (const c of carried) {
  test(`untranslatableExtras: ${c.name}`, () => {
    assert.deepEqual(untranslatableExtras({ ...base, extras: c.extras }, c.wire), c.expected);
  });
}
