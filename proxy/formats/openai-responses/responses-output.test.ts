import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FinishReason } from '../canonical';
import { buildUsage, itemId, statusOf, toResponseId } from './responses-output';

const ids: Array<{ input: string; expected: string }> = [
  { input: 'resp_67ccd2bed1ec8190', expected: 'resp_67ccd2bed1ec8190' },
  { input: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', expected: 'resp_chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT' },
  { input: 'msg_01X/y+z', expected: 'resp_msg_01Xyz' },
  { input: '', expected: 'resp_0' },
];

for (const c of ids) {
  test(`toResponseId(${JSON.stringify(c.input)})`, () => {
    assert.equal(toResponseId(c.input), c.expected);
  });
}

test('itemId: derives from the response id and output index', () => {
  assert.equal(itemId('resp_abc', 'fc', 3), 'fc_abc_3');
});

const statuses: Array<{ input: FinishReason; expected: ReturnType<typeof statusOf> }> = [
  { input: 'stop', expected: { status: 'completed' } },
  { input: 'tool_calls', expected: { status: 'completed' } },
  { input: 'stop_sequence', expected: { status: 'completed' } },
  { input: 'refusal', expected: { status: 'completed' } },
  { input: 'length', expected: { status: 'incomplete', incomplete: 'max_output_tokens' } },
  { input: 'content_filter', expected: { status: 'incomplete', incomplete: 'content_filter' } },
  { input: 'error', expected: { status: 'failed' } },
];

for (const c of statuses) {
  test(`statusOf(${c.input})`, () => {
    assert.deepEqual(statusOf(c.input), c.expected);
  });
}

test('buildUsage: totals, cached and reasoning details', () => {
  assert.deepEqual(buildUsage({ inputTokens: 100, outputTokens: 50, cachedInputTokens: 80, reasoningTokens: 20 }), {
    input_tokens: 100, input_tokens_details: { cached_tokens: 80 }, output_tokens: 50, output_tokens_details: { reasoning_tokens: 20 }, total_tokens: 150,
  });
});
