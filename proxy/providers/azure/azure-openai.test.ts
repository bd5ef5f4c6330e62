import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UpstreamCall } from '../codec';
import type { AzureOptions } from '../provider-options';
import { azureChatPath, rewriteUpstreamCallForAzure } from './azure-openai';

test('azureChatPath puts the deployment in the path and the version in the query', () => {
  assert.equal(azureChatPath('gpt4o-prod', '2024-10-21'), '/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21');
  assert.equal(azureChatPath('my deployment'), '/deployments/my%20deployment/chat/completions?api-version=2024-10-21');
});

const BODY = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };

const ROWS: Array<{ name: string; input: { call: UpstreamCall; model: string; options: AzureOptions }; expected: UpstreamCall }> = [
  {
    name: 'chat with a mapped deployment',
    input: { call: { path: '/chat/completions', body: BODY }, model: 'gpt-4o', options: { apiVersion: '2025-04-01-preview', deployments: { 'gpt-4o': 'prod-4o' } } },
    expected: { path: '/deployments/prod-4o/chat/completions?api-version=2025-04-01-preview', body: BODY },
  },
  {
    name: 'an unmapped model is its own deployment; default version',
    input: { call: { path: '/chat/completions', body: BODY }, model: 'gpt-4o', options: {} },
    expected: { path: '/deployments/gpt-4o/chat/completions?api-version=2024-10-21', body: BODY },
  },
  {
    name: 'a model named like an inherited property is its own deployment',
    input: { call: { path: '/chat/completions', body: BODY }, model: 'constructor', options: { deployments: { 'gpt-4o': 'prod-4o' } } },
    expected: { path: '/deployments/constructor/chat/completions?api-version=2024-10-21', body: BODY },
  },
  {
    name: 'embeddings',
    input: { call: { path: '/embeddings', body: { model: 'te3', input: 'x' } }, model: 'te3', options: { deployments: { te3: 'emb' } } },
    expected: { path: '/deployments/emb/embeddings?api-version=2024-10-21', body: { model: 'te3', input: 'x' } },
  },
  {
    name: 'responses take the deployment as the body model',
    input: { call: { path: '/responses', body: { model: 'gpt-4o', input: 'Hi' } }, model: 'gpt-4o', options: { apiVersion: '2025-04-01-preview', deployments: { 'gpt-4o': 'prod-4o' } } },
    expected: { path: '/responses?api-version=2025-04-01-preview', body: { model: 'prod-4o', input: 'Hi' } },
  },
  {
    name: 'the versionless v1 API keeps OpenAI paths under /v1',
    input: { call: { path: '/chat/completions', body: BODY, headers: { 'x-extra': '1' } }, model: 'gpt-4o', options: { apiVersion: 'v1', deployments: { 'gpt-4o': 'prod-4o' } } },
    expected: { path: '/v1/chat/completions', body: { ...BODY, model: 'prod-4o' }, headers: { 'x-extra': '1' } },
  },
];

for (const row of ROWS) {
  test(`rewriteUpstreamCallForAzure: ${row.name}`, () => {
    assert.deepEqual(rewriteUpstreamCallForAzure(row.input.call, row.input.model, row.input.options), row.expected);
  });
}
