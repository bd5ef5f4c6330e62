import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAnthropicUsage } from './anthropic-usage';

const rows: Array<{ name: string; input: unknown; expected: ReturnType<typeof decodeAnthropicUsage> }> = [
  { name: 'base counts only', input: { input_tokens: 12, output_tokens: 5 }, expected: { inputTokens: 12, outputTokens: 5 } },
  {
    name: 'cache reads and writes are added to the canonical input count',
    input: { input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 },
    expected: { inputTokens: 160, outputTokens: 2, cachedInputTokens: 100, cacheWriteTokens: 50 },
  },
  { name: 'thinking tokens where reported', input: { input_tokens: 1, output_tokens: 30, output_tokens_details: { thinking_tokens: 20 } }, expected: { inputTokens: 1, outputTokens: 30, reasoningTokens: 20 } },
  // A report missing a base count says nothing of what that side cost: unknown, never 0.
  { name: 'no input_tokens is unknown usage', input: { output_tokens: 5, cache_read_input_tokens: 100 }, expected: undefined },
  { name: 'no output_tokens is unknown usage', input: { input_tokens: 12 }, expected: undefined },
  { name: 'an input count that is not a number is unknown usage', input: { input_tokens: '12', output_tokens: 5 }, expected: undefined },
  { name: 'no usage object', input: null, expected: undefined },
];

for (const row of rows) test(`decodeAnthropicUsage: ${row.name}`, () => assert.deepEqual(decodeAnthropicUsage(row.input), row.expected));
