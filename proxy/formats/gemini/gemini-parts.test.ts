import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Part } from '../canonical';
import { readGeminiParts, writeGeminiParts } from './gemini-parts';

/** Base64 of our tag naming Anthropic as the signer (signature-origin.ts). */
const ANTHROPIC_MARK = 'c3dpdGNoeWFyZC1zaWduZWQtYnk6YW50aHJvcGljOjo6';
import type { GeminiPart } from './gemini-wire';

function read(parts: GeminiPart[], extras: Record<string, unknown> = {}): Part[] {
  let n = 0;
  return readGeminiParts(parts, { path: 'p', extras, callId: (c) => c.id ?? `id${n++}`, resultId: (r) => r.id ?? 'rid' });
}

const readCases: Array<{ name: string; input: GeminiPart[]; expected: Part[] }> = [
  { name: 'text', input: [{ text: 'a' }, { text: 'b' }], expected: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
  { name: 'a signed text part: the signature goes first', input: [{ text: 'answer', thoughtSignature: 'S' }], expected: [{ type: 'reasoning', text: '', signature: 'S', signedBy: 'gemini' }, { type: 'text', text: 'answer' }] },
  { name: 'a thought run closed by an empty signed thought', input: [{ text: 'x', thought: true }, { text: '', thought: true, thoughtSignature: 'S' }], expected: [{ type: 'reasoning', text: 'x', signature: 'S', signedBy: 'gemini' }] },
  { name: 'a signed run is not extended by the next one', input: [{ text: 'x', thought: true, thoughtSignature: 'S' }, { text: 'y', thought: true }], expected: [{ type: 'reasoning', text: 'x', signature: 'S', signedBy: 'gemini' }, { type: 'reasoning', text: 'y' }] },
  {
    name: 'a signature another family signed, marked when a Gemini client was handed it, is that family\'s again',
    input: [{ text: 'plan', thought: true }, { functionCall: { name: 'f', args: {} }, thoughtSignature: ANTHROPIC_MARK + 'EqQB' }],
    expected: [{ type: 'reasoning', text: 'plan' }, { type: 'reasoning', text: '', signature: 'EqQB', signedBy: 'anthropic' }, { type: 'tool_call', id: 'id0', name: 'f', arguments: '{}' }],
  },
  { name: 'function call and response', input: [{ functionCall: { name: 'f', args: { a: [1] } } }, { functionResponse: { id: 'r9', name: 'f', response: { output: { nested: true } } } }], expected: [{ type: 'tool_call', id: 'id0', name: 'f', arguments: '{"a":[1]}' }, { type: 'tool_result', callId: 'r9', name: 'f', content: [{ type: 'text', text: '{"nested":true}' }] }] },
  { name: 'a function response without a body', input: [{ functionResponse: { name: 'f' } }], expected: [{ type: 'tool_result', callId: 'rid', name: 'f', content: [] }] },
  { name: 'a file without a type is taken as an image URL', input: [{ fileData: { fileUri: 'gs://b/o.png' } }], expected: [{ type: 'image', source: { kind: 'url', url: 'gs://b/o.png' } }] },
];

for (const c of readCases) {
  test(`readGeminiParts: ${c.name}`, () => {
    assert.deepEqual(read(c.input), c.expected);
  });
}

test('readGeminiParts: unknown fields and non-image media go to extras by path', () => {
  const extras: Record<string, unknown> = {};
  const parts = read([{ text: 'a', videoMetadata: { startOffset: '1s' } }, { fileData: { mimeType: 'video/mp4', fileUri: 'https://v' } }, { inlineData: { mimeType: 'audio/wav', data: 'UklG' } }], extras);
  assert.deepEqual(parts, [{ type: 'text', text: 'a' }]);
  assert.deepEqual(extras, { 'p[0].videoMetadata': { startOffset: '1s' }, 'p[1].fileData': { mimeType: 'video/mp4', fileUri: 'https://v' }, 'p[2].inlineData': { mimeType: 'audio/wav' } });
});

const names = new Map([['c1', 'lookup']]);
const writeCases: Array<{ name: string; input: Part[]; ids?: boolean; forClient?: boolean; expected: GeminiPart[] }> = [
  { name: 'a signature-only part goes onto the next part', input: [{ type: 'reasoning', text: '', signature: 'S' }, { type: 'text', text: 'hi' }], expected: [{ text: 'hi', thoughtSignature: 'S' }] },
  { name: 'a trailing signature goes onto the part before', input: [{ type: 'text', text: 'hi' }, { type: 'reasoning', text: '', signature: 'S' }], expected: [{ text: 'hi', thoughtSignature: 'S' }] },
  {
    name: 'a signed thought right before a function call: the signature goes onto the call (https://ai.google.dev/gemini-api/docs/thought-signatures)',
    input: [{ type: 'reasoning', text: 'plan', signature: 'S' }, { type: 'tool_call', id: 'c1', name: 'lookup', arguments: '{}' }],
    expected: [{ text: 'plan', thought: true }, { functionCall: { name: 'lookup', args: {} }, thoughtSignature: 'S' }],
  },
  { name: 'a lone signature stays an empty thought', input: [{ type: 'reasoning', text: '', signature: 'S' }], expected: [{ text: '', thought: true, thoughtSignature: 'S' }] },
  {
    name: 'to a Gemini upstream, a signature another family made is left out (the call then gets the skip value from the request encoder)',
    input: [{ type: 'reasoning', text: 'plan', signature: 'EqQB', signedBy: 'anthropic' }, { type: 'tool_call', id: 'c1', name: 'lookup', arguments: '{}' }],
    expected: [{ text: 'plan', thought: true }, { functionCall: { name: 'lookup', args: {} } }],
  },
  {
    name: 'to a Gemini client, a signature another family made goes behind its marker, still base64',
    forClient: true,
    input: [{ type: 'reasoning', text: 'plan', signature: 'EqQB', signedBy: 'anthropic' }, { type: 'tool_call', id: 'c1', name: 'lookup', arguments: '{}' }],
    expected: [{ text: 'plan', thought: true }, { functionCall: { name: 'lookup', args: {} }, thoughtSignature: ANTHROPIC_MARK + 'EqQB' }],
  },
  {
    name: 'to a Gemini client or upstream, Gemini\'s own signature is unchanged',
    forClient: true,
    input: [{ type: 'reasoning', text: '', signature: 'CiQB', signedBy: 'gemini' }, { type: 'text', text: 'hi' }],
    expected: [{ text: 'hi', thoughtSignature: 'CiQB' }],
  },
  { name: 'unsigned reasoning text is a thought', input: [{ type: 'reasoning', text: 'hmm' }], expected: [{ text: 'hmm', thought: true }] },
  {
    name: 'tool results take the call\'s name; ids only when asked; images follow the response',
    ids: true,
    input: [{ type: 'tool_result', callId: 'c1', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/gif', data: 'R0lG' } }] }],
    expected: [{ functionResponse: { name: 'lookup', response: { output: 'a\nb' }, id: 'c1' } }, { inlineData: { mimeType: 'image/gif', data: 'R0lG' } }],
  },
  { name: 'empty arguments are an empty object', input: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '' }], expected: [{ functionCall: { name: 'f', args: {} } }] },
];

for (const c of writeCases) {
  test(`writeGeminiParts: ${c.name}`, () => {
    assert.deepEqual(writeGeminiParts(c.input, { nameOf: (id) => names.get(id), includeCallIds: c.ids === true, forClient: c.forClient === true }), c.expected);
  });
}

test('read then write gives back Gemini\'s parts, signatures where they were', () => {
  const original: GeminiPart[] = [
    { text: 'plan', thought: true, thoughtSignature: 'T' },
    { text: 'Calling.' },
    { functionCall: { name: 'lookup', args: { q: 'x' } }, thoughtSignature: 'F' },
    { functionCall: { name: 'lookup', args: { q: 'y' } } },
  ];
  assert.deepEqual(writeGeminiParts(read(original), { nameOf: () => undefined, includeCallIds: false, forClient: false }), original);
});
