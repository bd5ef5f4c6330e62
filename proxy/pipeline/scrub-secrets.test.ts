import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubKnownSecrets, scrubKnownSecretsDeep, scrubSecrets, scrubbableSecrets } from './scrub-secrets';

const rows = [
  { name: 'exact configured secret', input: 'bad key: my-secret-value here', secrets: ['my-secret-value'], expected: 'bad key: [redacted] here' },
  { name: 'OpenAI-style masked key', input: 'Incorrect API key provided: sk-proj-abc*****wxyz.', secrets: [], expected: 'Incorrect API key provided: [redacted].' },
  { name: 'Google key', input: 'key AIzaSyA1234567890abcdefghijkl invalid', secrets: [], expected: 'key [redacted] invalid' },
  { name: 'nothing to scrub', input: 'model not found', secrets: ['zzzzzzzz'], expected: 'model not found' },
];

for (const row of rows) {
  test(`scrubSecrets: ${row.name}`, () => assert.equal(scrubSecrets(row.input, row.secrets), row.expected));
}

const knownRows = [
  { name: 'a configured key in a stream frame', input: 'data: {"error":{"message":"bad key pk-configured-1"}}', secrets: ['pk-configured-1'], expected: 'data: {"error":{"message":"bad key [redacted]"}}' },
  { name: 'key-shaped model output is left alone', input: 'export OPENAI_API_KEY=sk-example-0000000000', secrets: ['pk-configured-1'], expected: 'export OPENAI_API_KEY=sk-example-0000000000' },
];

for (const row of knownRows) {
  test(`scrubKnownSecrets: ${row.name}`, () => assert.equal(scrubKnownSecrets(row.input, row.secrets), row.expected));
}

test('scrubbableSecrets: drops missing, short and repeated keys', () => {
  assert.deepEqual(scrubbableSecrets([undefined, 'abc', 'pk-one-key', 'pk-one-key', 'pk-two-key']), ['pk-one-key', 'pk-two-key']);
});

const KEY = 'pk-cached-echo-123';
const deepRows: Array<{ name: string; input: unknown; secrets: string[]; expected: unknown }> = [
  {
    name: 'a canonical response: text, reasoning and tool arguments',
    input: { id: 'r1', model: 'm', parts: [{ type: 'text', text: `called with ${KEY}` }, { type: 'reasoning', text: `${KEY}!` }, { type: 'tool_call', id: 'c', name: 'f', arguments: `{"k":"${KEY}"}` }], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 2 } },
    secrets: [KEY, 'hdr-secret-456'],
    expected: { id: 'r1', model: 'm', parts: [{ type: 'text', text: 'called with [redacted]' }, { type: 'reasoning', text: '[redacted]!' }, { type: 'tool_call', id: 'c', name: 'f', arguments: '{"k":"[redacted]"}' }], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 2 } },
  },
  { name: 'a header secret in the id', input: { id: 'x-hdr-secret-456', n: 1, ok: true, none: null }, secrets: [KEY, 'hdr-secret-456'], expected: { id: 'x-[redacted]', n: 1, ok: true, none: null } },
  { name: 'no secrets configured', input: { text: KEY }, secrets: [], expected: { text: KEY } },
];
for (const row of deepRows) {
  test(`scrubKnownSecretsDeep: ${row.name}`, () => assert.deepEqual(scrubKnownSecretsDeep(row.input, row.secrets), row.expected));
}

test('scrubKnownSecretsDeep: a value holding no secret is returned as it is, uncopied; the input is never changed', () => {
  const clean = { id: 'r', parts: [{ type: 'text', text: 'hello' }] };
  assert.equal(scrubKnownSecretsDeep(clean, [KEY]), clean);
  const dirty = { id: 'r', parts: [{ type: 'text', text: KEY }, { type: 'text', text: 'kept' }] };
  const scrubbed = scrubKnownSecretsDeep(dirty, [KEY]);
  assert.equal(dirty.parts[0]!.text, KEY);
  assert.equal(scrubbed.parts[1], dirty.parts[1], 'an untouched part is shared, not copied');
});
