import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonAnswer, opensJsonAnswer, readJsonAnswer } from './read-json-answer';
import { classifyUpstreamStatus } from './classify-upstream-status';
import { classifyAnthropicError } from '../providers/anthropic/classify-anthropic-error';
import { classifyCohereError } from '../providers/cohere/decode-cohere-response';
import { codecFor } from '../providers/codecs';
import type { CanonicalResponse, WireFormat } from '../formats/canonical';

const opens: Array<{ name: string; input: string; expected: boolean }> = [
  { name: 'a JSON object', input: '{"error":{}}', expected: true },
  { name: 'a JSON object after blank lines', input: '\r\n  {"error":{}}', expected: true },
  { name: "a JSON array (Gemini's stream without alt=sse)", input: '[{"candidates":[]}', expected: true },
  { name: 'a JSON array after blank lines', input: '\n [', expected: true },
  { name: 'an event', input: 'data: {"a":1}\n\n', expected: false },
  { name: 'a named event', input: 'event: message_start\ndata: {}\n\n', expected: false },
  { name: 'a keep-alive comment', input: ': keep-alive\n\n', expected: false },
  { name: 'an HTML page', input: '<!DOCTYPE html>', expected: false },
  { name: 'only whitespace so far', input: '\n', expected: false },
];

for (const row of opens) {
  test(`opensJsonAnswer: ${row.name}`, () => assert.equal(opensJsonAnswer(Buffer.from(row.input)), row.expected));
}

const passthrough = (status: number, body: unknown) => classifyUpstreamStatus(status, body, {});
const decodeAs = (wire: WireFormat) => (body: unknown) => decodeJsonAnswer(codecFor(wire)!, body);
const NOT_A_STREAM = { kind: 'upstream_error', status: 502, code: 'upstream_not_a_stream', message: /JSON body instead of an event stream/ };

const errors: Array<{ name: string; input: string; classify: typeof passthrough; expected: { kind: string; status: number; code?: string; message: RegExp; upstreamStatus?: number } }> = [
  { name: 'an OpenAI error body', input: '{"error":{"message":"the model is overloaded","type":"server_error","code":null}}', classify: passthrough, expected: { kind: 'upstream_error', status: 502, code: 'server_error', message: /^the model is overloaded$/, upstreamStatus: 200 } },
  { name: 'an Anthropic error body, read by its codec', input: '{"type":"error","error":{"type":"overloaded_error","message":"busy"}}', classify: (s, b) => classifyAnthropicError(s, b), expected: { kind: 'upstream_error', status: 502, code: 'overloaded_error', message: /^busy$/, upstreamStatus: 200 } },
  { name: 'a bare message (Cohere), read by its codec', input: '{"message":"throttled"}', classify: (s, b) => classifyCohereError(s, b, {}), expected: { kind: 'upstream_error', status: 502, message: /^Cohere: throttled$/, upstreamStatus: 200 } },
  { name: 'a completion without choices, which the codec cannot read', input: '{"id":"chatcmpl-1","choices":[]}', classify: passthrough, expected: NOT_A_STREAM },
  { name: 'JSON cut short', input: '{"error":{"message":"over', classify: passthrough, expected: NOT_A_STREAM },
  { name: 'JSON that is no answer at all', input: '{"status":"ok"}', classify: passthrough, expected: NOT_A_STREAM },
  {
    name: 'a Gemini chunk array ending in an error chunk, read by its codec',
    input: '[{"candidates":[{"content":{"parts":[{"text":"par"}]}}]},{"error":{"code":503,"message":"the model is overloaded","status":"UNAVAILABLE"}}]',
    classify: (s, b) => codecFor('gemini')!.classifyError(s, b, {}),
    expected: { kind: 'upstream_error', status: 502, message: /the model is overloaded/, upstreamStatus: 200 },
  },
  { name: 'an array from a wire without an array form (OpenAI)', input: '[{"id":"chatcmpl-1","choices":[]}]', classify: passthrough, expected: NOT_A_STREAM },
];

for (const row of errors) {
  test(`readJsonAnswer, an error: ${row.name}`, () => {
    const answer = readJsonAnswer(row.input, decodeAs('openai'), row.classify);
    assert.ok('error' in answer, 'read as a response');
    assert.equal(answer.error.kind, row.expected.kind);
    assert.equal(answer.error.status, row.expected.status);
    assert.equal(answer.error.upstreamStatus, row.expected.upstreamStatus);
    if (row.expected.code !== undefined) assert.equal(answer.error.code, row.expected.code);
    assert.match(answer.error.message, row.expected.message);
  });
}

const responses: Array<{ name: string; input: { wire: WireFormat; body: object }; expected: CanonicalResponse }> = [
  {
    name: 'an OpenAI chat completion, with its usage',
    input: { wire: 'openai', body: { id: 'chatcmpl-9', object: 'chat.completion', created: 7, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } } },
    expected: { id: 'chatcmpl-9', model: 'm', parts: [{ type: 'text', text: 'hello' }], finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 3 }, created: 7 },
  },
  {
    name: 'an OpenAI chat completion that calls a tool',
    input: { wire: 'openai', body: { id: 'c', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, finish_reason: 'tool_calls' }] } },
    expected: { id: 'c', model: 'm', parts: [{ type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":1}' }], finishReason: 'tool_calls' },
  },
  {
    name: 'an Anthropic message',
    input: { wire: 'anthropic', body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 4, output_tokens: 1 } } },
    expected: { id: 'msg_1', model: 'm', parts: [{ type: 'text', text: 'hi' }], finishReason: 'stop', usage: { inputTokens: 4, outputTokens: 1 } },
  },
  {
    name: 'a Gemini stream sent as a JSON array of chunks (alt=sse ignored)',
    input: {
      wire: 'gemini',
      body: [
        { candidates: [{ content: { role: 'model', parts: [{ text: 'hel' }] } }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, totalTokenCount: 5 }, responseId: 'g-1', modelVersion: 'gemini-2.5-flash' },
        { candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2, totalTokenCount: 6 }, responseId: 'g-1' },
      ],
    },
    expected: { id: 'g-1', model: 'gemini-2.5-flash', parts: [{ type: 'text', text: 'hello' }], finishReason: 'stop', usage: { inputTokens: 4, outputTokens: 2 } },
  },
];

for (const row of responses) {
  test(`readJsonAnswer, a whole response: ${row.name}`, () => {
    const answer = readJsonAnswer(JSON.stringify(row.input.body), decodeAs(row.input.wire), passthrough);
    assert.ok('response' in answer, 'error' in answer ? answer.error.message : '');
    assert.deepEqual(answer.response, row.expected);
  });
}
