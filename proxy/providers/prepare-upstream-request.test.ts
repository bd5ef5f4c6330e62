import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCatalogEntry } from './catalog';
import { prepareUpstreamRequest } from './prepare-upstream-request';

const CHAT = { path: '/chat/completions', body: { model: 'gpt-4o', messages: [] } };

test('Azure: resource URL, deployment path, api-version and api-key', async () => {
  const out = await prepareUpstreamRequest({
    entry: findCatalogEntry('azure'),
    provider: { kind: 'azure', azure: { resource: 'contoso', apiVersion: '2024-10-21', deployments: { 'gpt-4o': 'prod' } } },
    call: CHAT, model: 'gpt-4o', secret: 'az-key', stream: true,
  });
  assert.equal(out.url, 'https://contoso.openai.azure.com/openai/deployments/prod/chat/completions?api-version=2024-10-21');
  assert.deepEqual(out.headers, { 'content-type': 'application/json', accept: 'text/event-stream', 'api-key': 'az-key' });
  assert.equal(out.body, JSON.stringify(CHAT.body));
});

test('Groq: catalog base URL, bearer key, config headers kept', async () => {
  const out = await prepareUpstreamRequest({
    entry: findCatalogEntry('groq'), provider: { kind: 'groq', headers: { 'x-team': 'a' } }, call: CHAT, model: 'llama', secret: 'gsk', stream: false,
  });
  assert.equal(out.url, 'https://api.groq.com/openai/v1/chat/completions');
  assert.deepEqual(out.headers, { 'content-type': 'application/json', accept: 'application/json', 'x-team': 'a', authorization: 'Bearer gsk' });
});

test('Bedrock: regional endpoint, event-stream accept header, SigV4', async () => {
  const out = await prepareUpstreamRequest({
    entry: findCatalogEntry('bedrock'), provider: { kind: 'bedrock', bedrock: { region: 'eu-west-1' } },
    call: { path: '/model/amazon.nova-pro-v1%3A0/converse-stream', body: { messages: [] } }, model: 'amazon.nova-pro-v1:0', secret: 'AK:SK', stream: true,
    authOptions: { now: () => new Date('2025-01-01T00:00:00Z') },
  });
  assert.equal(out.url, 'https://bedrock-runtime.eu-west-1.amazonaws.com/model/amazon.nova-pro-v1%3A0/converse-stream');
  assert.equal(out.headers.accept, 'application/vnd.amazon.eventstream');
  assert.match(out.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AK\/20250101\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/);
});

test('a kind outside the catalog with a baseUrl is treated as OpenAI-compatible with a bearer key', async () => {
  const out = await prepareUpstreamRequest({ entry: undefined, provider: { kind: 'my-box', baseUrl: 'http://127.0.0.1:9000/v1' }, call: CHAT, model: 'm', secret: 'k', stream: false });
  assert.equal(out.url, 'http://127.0.0.1:9000/v1/chat/completions');
  assert.equal(out.headers.authorization, 'Bearer k');
});
