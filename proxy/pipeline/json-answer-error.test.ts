import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonAnswerError, opensJsonAnswer } from './json-answer-error';
import { classifyUpstreamStatus } from './classify-upstream-status';
import { classifyAnthropicError } from '../providers/anthropic/classify-anthropic-error';
import { classifyCohereError } from '../providers/cohere/decode-cohere-response';

const opens: Array<{ name: string; input: string; expected: boolean }> = [
  { name: 'a JSON object', input: '{"error":{}}', expected: true },
  { name: 'a JSON object after blank lines', input: '\r\n  {"error":{}}', expected: true },
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
const answers: Array<{ name: string; input: string | undefined; classify: typeof passthrough; expected: { kind: string; status: number; code?: string; message: RegExp } }> = [
  { name: 'an OpenAI error body', input: '{"error":{"message":"the model is overloaded","type":"server_error","code":null}}', classify: passthrough, expected: { kind: 'upstream_error', status: 502, code: 'server_error', message: /^the model is overloaded$/ } },
  { name: 'an Anthropic error body, read by its codec', input: '{"type":"error","error":{"type":"overloaded_error","message":"busy"}}', classify: (s, b) => classifyAnthropicError(s, b), expected: { kind: 'upstream_error', status: 502, code: 'overloaded_error', message: /^busy$/ } },
  { name: 'a bare message (Cohere), read by its codec', input: '{"message":"throttled"}', classify: (s, b) => classifyCohereError(s, b, {}), expected: { kind: 'upstream_error', status: 502, message: /^Cohere: throttled$/ } },
  { name: 'a whole completion, not an error', input: '{"id":"chatcmpl-1","choices":[]}', classify: passthrough, expected: { kind: 'upstream_error', status: 502, code: 'upstream_not_a_stream', message: /JSON body instead of an event stream/ } },
  { name: 'JSON cut short', input: '{"error":{"message":"over', classify: passthrough, expected: { kind: 'upstream_error', status: 502, code: 'upstream_not_a_stream', message: /JSON body instead of an event stream/ } },
  { name: 'a body past the bound (not read)', input: undefined, classify: passthrough, expected: { kind: 'upstream_error', status: 502, code: 'upstream_not_a_stream', message: /JSON body instead of an event stream/ } },
];

for (const row of answers) {
  test(`jsonAnswerError: ${row.name}`, () => {
    const error = jsonAnswerError(row.input, row.classify);
    assert.equal(error.kind, row.expected.kind);
    assert.equal(error.status, row.expected.status);
    if (row.expected.code !== undefined) assert.equal(error.code, row.expected.code);
    assert.match(error.message, row.expected.message);
  });
}
