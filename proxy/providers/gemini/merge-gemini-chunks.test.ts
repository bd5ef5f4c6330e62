// An array of streamGenerateContent chunks (no `alt=sse`) read as one answer by the Gemini codec.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../../formats/canonical';
import { GatewayError } from '../../errors';
import { geminiCodec } from './gemini-codec';
import { mergeGeminiChunks } from './merge-gemini-chunks';

const text = (t: string, extra: object = {}) => ({ text: t, ...extra });
const chunk = (parts: object[], extra: object = {}, candidate: object = {}) => ({ candidates: [{ content: { role: 'model', parts }, index: 0, ...candidate }], ...extra });
const usage = (prompt: number, out: number) => ({ usageMetadata: { promptTokenCount: prompt, candidatesTokenCount: out, totalTokenCount: prompt + out } });

const rows: Array<{ name: string; input: unknown[]; expected: CanonicalResponse }> = [
  {
    name: 'text concatenated, usage from the last chunk reporting it, finish reason from the chunk holding it',
    input: [
      chunk([text('héllo ')], { ...usage(10, 1), responseId: 'r-1', modelVersion: 'gemini-2.5-flash' }),
      chunk([text('世界 ')], { responseId: 'r-1', modelVersion: 'gemini-2.5-flash' }),
      chunk([text('🎉')], { ...usage(10, 3), responseId: 'r-1' }, { finishReason: 'STOP' }),
      // A trailing chunk with neither text nor usage keeps what came before.
      chunk([], { responseId: 'r-1' }),
    ],
    expected: { id: 'r-1', model: 'gemini-2.5-flash', parts: [{ type: 'text', text: 'héllo 世界 🎉' }], finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 3 } },
  },
  {
    name: 'the finish reason may come before the last usage (usage alone in a final chunk)',
    input: [chunk([text('a')], usage(5, 1)), chunk([text('b')], {}, { finishReason: 'MAX_TOKENS' }), { ...usage(5, 2), responseId: 'r-2' }],
    expected: { id: 'r-2', model: '', parts: [{ type: 'text', text: 'ab' }], finishReason: 'length', usage: { inputTokens: 5, outputTokens: 2 } },
  },
  {
    name: 'thoughts are their own run, closed by their signature; a function call stands alone',
    input: [
      chunk([text('plan ', { thought: true })], { responseId: 'r-3' }),
      chunk([text('it', { thought: true, thoughtSignature: 'sig-1' })]),
      chunk([text('Calling. ')]),
      chunk([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }], usage(7, 4), { finishReason: 'STOP' }),
    ],
    expected: {
      id: 'r-3', model: '',
      parts: [
        { type: 'reasoning', text: 'plan it', signature: 'sig-1', signedBy: 'gemini' },
        { type: 'text', text: 'Calling. ' },
        { type: 'tool_call', id: callIdOf('r-3'), name: 'get_weather', arguments: '{"city":"Oslo"}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 7, outputTokens: 4 },
    },
  },
];

/** The id Gemini's codec synthesizes for the first call of response `responseId`. */
function callIdOf(responseId: string): string {
  const decoded = geminiCodec.decodeResponse(chunk([{ functionCall: { name: 'f', args: {} } }], { responseId }));
  return (decoded.parts[0] as { id: string }).id;
}

for (const row of rows) {
  test(`Gemini chunk array: ${row.name}`, () => {
    assert.deepEqual(geminiCodec.decodeResponseChunks!(row.input), row.expected);
  });
}

test('merging never changes the chunks it reads', () => {
  const input = [chunk([text('a')]), chunk([text('b')], {}, { finishReason: 'STOP' })];
  const copy = structuredClone(input);
  mergeGeminiChunks(input);
  assert.deepEqual(input, copy);
});

const refused: Array<{ name: string; input: unknown[]; expected: RegExp }> = [
  { name: 'an empty array', input: [], expected: /empty array of stream chunks/ },
  { name: 'a chunk that is not an object', input: [chunk([text('a')]), 'b'], expected: /stream chunk that is not a JSON object/ },
  { name: 'a part that is not an object', input: [{ candidates: [{ content: { parts: [text('a'), 7] } }] }], expected: /content part that is not a JSON object/ },
  { name: 'chunks without candidates or feedback', input: [{ responseId: 'x' }], expected: /without usable candidates/ },
];
for (const row of refused) {
  test(`Gemini chunk array refused: ${row.name}`, () => {
    assert.throws(() => geminiCodec.decodeResponseChunks!(row.input), (err: unknown) => err instanceof GatewayError && err.kind === 'upstream_error' && row.expected.test(err.message));
  });
}
