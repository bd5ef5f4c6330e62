import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubSecrets } from './scrub-secrets';

const rows = [
  { name: 'exact configured secret', input: 'bad key: my-secret-value here', secrets: ['my-secret-value'], expected: 'bad key: [redacted] here' },
  { name: 'OpenAI-style masked key', input: 'Incorrect API key provided: sk-proj-abc*****wxyz.', secrets: [], expected: 'Incorrect API key provided: [redacted].' },
  { name: 'Google key', input: 'key AIzaSyA1234567890abcdefghijkl invalid', secrets: [], expected: 'key [redacted] invalid' },
  { name: 'nothing to scrub', input: 'model not found', secrets: ['zzzzzzzz'], expected: 'model not found' },
];

for (const row of rows) {
  test(`scrubSecrets: ${row.name}`, () => assert.equal(scrubSecrets(row.input, row.secrets), row.expected));
}
