import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCatalogEntry } from './catalog';
import { azureOptionsSchema, bedrockOptionsSchema, vertexOptionsSchema } from './provider-options';
import { resolveProviderBaseUrl } from './resolve-base-url';

const ROWS = [
  { name: 'config baseUrl wins (trailing slash dropped)', kind: 'groq', config: { baseUrl: 'http://127.0.0.1:9000/v1/' }, expected: 'http://127.0.0.1:9000/v1' },
  { name: 'catalog default', kind: 'groq', config: {}, expected: 'https://api.groq.com/openai/v1' },
  { name: 'vertex from project/location', kind: 'vertex', config: { vertex: { project: 'p', location: 'us-central1' } }, expected: 'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google' },
  { name: 'azure from resource', kind: 'azure', config: { azure: { resource: 'contoso' } }, expected: 'https://contoso.openai.azure.com/openai' },
  { name: 'bedrock from region', kind: 'bedrock', config: { bedrock: { region: 'eu-west-1' } }, expected: 'https://bedrock-runtime.eu-west-1.amazonaws.com' },
  { name: 'bedrock default region', kind: 'bedrock', config: {}, expected: 'https://bedrock-runtime.us-east-1.amazonaws.com' },
];
for (const row of ROWS) {
  test(`resolveProviderBaseUrl: ${row.name}`, () => {
    assert.equal(resolveProviderBaseUrl(findCatalogEntry(row.kind), { kind: row.kind, ...row.config }), row.expected);
  });
}

const FAIL_ROWS = [
  { name: 'azure without resource or baseUrl', kind: 'azure', message: /"azure": \{ "resource" \}/ },
  { name: 'vertex without project', kind: 'vertex', message: /"vertex": \{ "project", "location" \}/ },
  { name: 'cloudflare without account id', kind: 'cloudflare', message: /\{account_id\}/ },
  { name: 'an unknown kind without baseUrl', kind: 'nope', message: /not in the catalog/ },
];
for (const row of FAIL_ROWS) {
  test(`resolveProviderBaseUrl refuses ${row.name}`, () => {
    assert.throws(() => resolveProviderBaseUrl(findCatalogEntry(row.kind), { kind: row.kind }), row.message);
  });
}

test('option schemas accept documented shapes and name bad fields', () => {
  assert.ok(azureOptionsSchema.safeParse({ apiVersion: '2024-10-21', deployments: { 'gpt-4o': 'prod' } }).success);
  assert.ok(vertexOptionsSchema.safeParse({ project: 'p', location: 'global' }).success);
  assert.ok(bedrockOptionsSchema.safeParse({ region: 'us-gov-west-1' }).success);
  const bad = bedrockOptionsSchema.safeParse({ region: 'mars' });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0].path, ['region']);
  assert.equal(azureOptionsSchema.safeParse({ resource: 'https://x' }).success, false);
});
