import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../formats/canonical';
import { describeRequest, estimatePromptTokens, readCanonicalFacts, readOpenAIChatFacts } from './request-facts';

const chatRows = [
  { name: 'plain text', body: { messages: [{ role: 'user', content: 'hi' }] }, expected: { hasTools: false, hasImages: false, maxOutputTokens: undefined } },
  { name: 'tools', body: { messages: [], tools: [{ type: 'function', function: { name: 'f' } }] }, expected: { hasTools: true, hasImages: false, maxOutputTokens: undefined } },
  { name: 'empty tools list', body: { messages: [], tools: [] }, expected: { hasTools: false, hasImages: false, maxOutputTokens: undefined } },
  { name: 'legacy functions', body: { messages: [], functions: [{ name: 'f' }] }, expected: { hasTools: true, hasImages: false, maxOutputTokens: undefined } },
  {
    name: 'image part',
    body: { messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] },
    expected: { hasTools: false, hasImages: true, maxOutputTokens: undefined },
  },
  { name: 'max_completion_tokens wins over max_tokens', body: { messages: [], max_tokens: 10, max_completion_tokens: 20 }, expected: { hasTools: false, hasImages: false, maxOutputTokens: 20 } },
  { name: 'malformed messages are ignored, not fatal', body: { messages: [null, 'x', { content: [null] }] }, expected: { hasTools: false, hasImages: false, maxOutputTokens: undefined } },
];
for (const row of chatRows) {
  test(`readOpenAIChatFacts: ${row.name}`, () => assert.deepEqual(readOpenAIChatFacts(row.body as Record<string, unknown>), row.expected));
}

test('readCanonicalFacts: tools, images in messages and in tool results, output cap', () => {
  const request: CanonicalRequest = {
    model: 'm',
    stream: false,
    maxTokens: 64,
    tools: [{ name: 'f', parameters: {} }],
    messages: [{ role: 'user', parts: [{ type: 'tool_result', callId: 'c', content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] }] }],
  };
  assert.deepEqual(readCanonicalFacts(request), { hasTools: true, hasImages: true, maxOutputTokens: 64 });
  assert.deepEqual(readCanonicalFacts({ model: 'm', stream: false, messages: [] }), { hasTools: false, hasImages: false, maxOutputTokens: undefined });
});

test('describeRequest: prompt tokens are estimated from body size; chat facts from the raw body', () => {
  const body = { model: 'smart', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }] };
  const facts = describeRequest({ format: 'openai-chat', request: { model: 'smart', stream: false, messages: [] }, body, bodyBytes: 4001, client: 'ci', headers: { 'x-team': 'a' } });
  assert.equal(facts.estimatedPromptTokens, 1001);
  assert.equal(facts.hasTools, true);
  assert.equal(facts.model, 'smart');
  assert.equal(facts.client, 'ci');
  assert.equal(estimatePromptTokens(0), 0);
});
