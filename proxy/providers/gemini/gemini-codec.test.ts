import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiCodec } from './gemini-codec';
import { parallelCallsResponse, textResponse } from './fixtures/gemini-wire-fixtures';

test('geminiCodec: speaks the gemini wire over SSE and wires every function', () => {
  assert.equal(geminiCodec.wire, 'gemini');
  assert.equal(geminiCodec.framing, 'sse');
  assert.deepEqual(geminiCodec.initialStreamState(), { started: false, idBase: '', nextToolIndex: 0, finished: false });
});

const usageCases: Array<{ name: string; input: unknown; expected: unknown }> = [
  { name: 'thoughts are part of output tokens', input: textResponse, expected: { inputTokens: 9, outputTokens: 111, reasoningTokens: 100 } },
  { name: 'cached prompt tokens are reported', input: parallelCallsResponse, expected: { inputTokens: 80, outputTokens: 70, cachedInputTokens: 64, reasoningTokens: 40 } },
  { name: 'tool-use prompt tokens count as input', input: { usageMetadata: { promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 17 } }, expected: { inputTokens: 15, outputTokens: 2 } },
  { name: 'no usageMetadata', input: { candidates: [] }, expected: undefined },
  { name: 'not an object', input: null, expected: undefined },
];

for (const c of usageCases) {
  test(`geminiCodec.usageFromResponse: ${c.name}`, () => {
    assert.deepEqual(geminiCodec.usageFromResponse(c.input), c.expected);
  });
}
