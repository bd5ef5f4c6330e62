import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubKnownSecrets, scrubSecrets, scrubbableSecrets } from './scrub-secrets';

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
