// Azure OpenAI against a fake process: our rewritten call must match what the official SDK's AzureOpenAI
// client sends (path, api-version, api-key header), and the fake must accept it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AzureOpenAI } from 'openai';
import { authorizeRequest } from '../proxy/providers/auth/authorize';
import { rewriteUpstreamCallForAzure } from '../proxy/providers/azure/azure-openai';
import { type RunningFake, startProviderFake } from './fakes/start-provider-fake';

let fake: RunningFake;
before(async () => {
  fake = await startProviderFake();
});
after(async () => {
  await fake.stop();
});

const BODY = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };

test('our Azure request equals the official SDK’s, and the fake accepts it', async () => {
  const sdk = new AzureOpenAI({ endpoint: fake.origin, apiKey: 'azure-key-123', apiVersion: '2024-10-21', deployment: 'prod-4o', maxRetries: 0 });
  const sdkAnswer = await sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  const sdkRequest = (await fake.requests()).at(-1);

  const call = rewriteUpstreamCallForAzure({ path: '/chat/completions', body: BODY }, 'gpt-4o', { apiVersion: '2024-10-21', deployments: { 'gpt-4o': 'prod-4o' } });
  const body = JSON.stringify(call.body);
  const auth = await authorizeRequest('azure-api-key', 'azure-key-123', { method: 'POST', url: `${fake.origin}/openai${call.path}`, headers: { 'content-type': 'application/json' }, body });
  const res = await fetch(auth.url, { method: 'POST', headers: auth.headers, body });
  assert.equal(res.status, 200);
  const ours = (await res.json()) as { choices: Array<{ message: { content: string } }> };
  const ourRequest = (await fake.requests()).at(-1);

  assert.equal(ourRequest?.url, '/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21');
  assert.equal(ourRequest?.url, sdkRequest?.url);
  assert.equal(ourRequest?.headers['api-key'], sdkRequest?.headers['api-key']);
  assert.equal(ourRequest?.headers.authorization, undefined);
  assert.equal(ours.choices[0].message.content, sdkAnswer.choices[0].message.content);
  assert.equal(ours.choices[0].message.content, 'deployment prod-4o, version 2024-10-21, 1 message(s)');
});

test('a wrong key is refused with 401', async () => {
  const call = rewriteUpstreamCallForAzure({ path: '/chat/completions', body: BODY }, 'gpt-4o', {});
  const auth = await authorizeRequest('azure-api-key', 'wrong', { method: 'POST', url: `${fake.origin}/openai${call.path}`, headers: { 'content-type': 'application/json' }, body: '{}' });
  const res = await fetch(auth.url, { method: 'POST', headers: auth.headers, body: JSON.stringify(call.body) });
  assert.equal(res.status, 401);
});
