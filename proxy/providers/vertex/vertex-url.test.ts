import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildVertexBaseUrl, vertexModelUrl } from './vertex-url';

const ROWS = [
  { name: 'regional', input: { project: 'acme-ai', location: 'us-central1' }, expected: 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-ai/locations/us-central1/publishers/google' },
  { name: 'europe', input: { project: 'p', location: 'europe-west4' }, expected: 'https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/europe-west4/publishers/google' },
  { name: 'global has no host prefix', input: { project: 'p', location: 'global' }, expected: 'https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google' },
];
for (const row of ROWS) {
  test(`buildVertexBaseUrl: ${row.name}`, () => assert.equal(buildVertexBaseUrl(row.input), row.expected));
}

test('vertexModelUrl streams with alt=sse', () => {
  assert.equal(
    vertexModelUrl({ project: 'p', location: 'us-east5' }, 'gemini-2.5-flash', 'streamGenerateContent'),
    'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
  );
});
