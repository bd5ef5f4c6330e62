import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import type { CanonicalRequest, Message } from '../formats/canonical';
import type { Target } from '../gateway/runtime';
import { changedTexts, countCompressionTokens } from './count-compression-tokens';

const BEFORE = 'line one\n'.repeat(50);
const AFTER = 'line one\n[… line above repeated 49 more times]\n';

function request(outputs: string[][]): CanonicalRequest {
  const messages: Message[] = [{ role: 'user', parts: [{ type: 'text', text: 'go' }] }];
  outputs.forEach((texts, i) => {
    messages.push({ role: 'assistant', parts: [{ type: 'tool_call', id: `c${i}`, name: 'bash', arguments: '{"command":"x"}' }] });
    messages.push({ role: 'user', parts: [{ type: 'tool_result', callId: `c${i}`, content: texts.map((text) => ({ type: 'text' as const, text })) }] });
  });
  return { model: 'smart', messages, stream: false };
}

const target = (wire: string, model: string): Target => ({ ref: `p/${model}`, model, weight: 1, provider: { wire } as Target['provider'] });
const noPost = async () => {
  throw new Error('no upstream in this test');
};

test('changed texts pair the two versions part by part', () => {
  const original = request([[BEFORE], ['same']]);
  const compressed = request([[AFTER], ['same']]);
  assert.deepEqual(changedTexts(original, compressed), [{ before: BEFORE, after: AFTER, alone: true }]);
});

test('o200k: the reported prompt plus the exact token difference of the changed outputs', async () => {
  const removed = countTokens(BEFORE) - countTokens(AFTER);
  assert.ok(removed > 0);
  const count = await countCompressionTokens(noPost, target('openai', 'gpt-4o'), request([[BEFORE]]), request([[AFTER]]), { inputTokens: 120, outputTokens: 3 });
  assert.deepEqual(count, { baselineTokens: 120 + removed, actualTokens: 120, countedBy: 'o200k_base difference over the reported prompt tokens' });
});

const unknowns = [
  { name: 'a model without a public tokenizer', target: target('openai', 'm-large'), outputs: [BEFORE], usage: { inputTokens: 1, outputTokens: 1 }, reason: /no public tokenizer/ },
  { name: 'no reported usage', target: target('openai', 'gpt-4o'), outputs: [BEFORE], usage: undefined, reason: /reported no usage/ },
  { name: 'a multi-part tool result', target: target('openai', 'gpt-4o'), outputs: [BEFORE, 'tail'], usage: { inputTokens: 1, outputTokens: 1 }, reason: /several parts/ },
  { name: 'a wire without tokenizer or count endpoint', target: target('cohere', 'command-r'), outputs: [BEFORE], usage: { inputTokens: 1, outputTokens: 1 }, reason: /no public tokenizer or count endpoint/ },
  { name: 'a count endpoint that fails', target: target('anthropic', 'claude-sonnet-4-5'), outputs: [BEFORE], usage: { inputTokens: 1, outputTokens: 1 }, reason: /counting tokens failed/ },
];

for (const row of unknowns) {
  test(`no exact count: ${row.name}`, async () => {
    const after = row.outputs.map((t) => (t === BEFORE ? AFTER : t));
    const count = await countCompressionTokens(noPost, row.target, request([row.outputs]), request([after]), row.usage);
    assert.ok('unknown' in count);
    assert.match(count.unknown, row.reason);
  });
}

test('Anthropic: count_tokens on both versions, with only the fields the endpoint takes', async () => {
  const calls: Array<{ path: string; payload: any }> = [];
  const post = async (_t: Target, path: string, payload: unknown) => {
    calls.push({ path, payload });
    return { input_tokens: calls.length === 1 ? 900 : 300 };
  };
  const count = await countCompressionTokens(post, target('anthropic', 'claude-sonnet-4-5'), { ...request([[BEFORE]]), temperature: 0, maxTokens: 10 }, request([[AFTER]]), undefined);
  assert.deepEqual(count, { baselineTokens: 900, actualTokens: 300, countedBy: 'anthropic count_tokens' });
  assert.equal(calls[0]!.path, '/messages/count_tokens');
  assert.deepEqual(Object.keys(calls[0]!.payload).sort(), ['messages', 'model']);
});
