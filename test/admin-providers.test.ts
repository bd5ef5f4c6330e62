// Providers in the admin API: configured providers with where their key comes from (never the key),
// write-only key changes through the encrypted-file key store, and the connection test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server, type AddressInfo } from 'node:net';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const STORED_KEY = 'sk-stored-through-the-dashboard-0001';
const ENV_KEY = 'sk-from-the-environment-000000002';
let upstream: FakeOpenAI;
let gateway: SpawnedGateway;
// Accepts connections and never answers: a provider that hangs.
let silent: Server;

before(async () => {
  upstream = await startFakeOpenAI({ apiKey: STORED_KEY });
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentPort = (silent.address() as AddressInfo).port;
  gateway = await spawnGateway({
    adminToken: 'admin-token-for-tests',
    providers: [
      { id: 'keyless', kind: 'openai', baseUrl: `${upstream.url}/v1`, models: ['m-large'] },
      { id: 'fromenv', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'env:FROM_ENV_KEY' },
      { id: 'silent', kind: 'openai', baseUrl: `http://127.0.0.1:${silentPort}/v1`, apiKey: 'env:FROM_ENV_KEY', timeoutMs: 300 },
      { id: 'pooled', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKeys: ['sk-pool-one-0000000001', 'sk-pool-two-0000000002'] },
    ],
  }, { env: { FROM_ENV_KEY: ENV_KEY, SWITCHYARD_MASTER_KEY: 'a passphrase for the test key file' }, extraArgs: ['--key-store', 'file'] });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
  silent?.close();
});

async function admin(path: string, init: RequestInit = {}) {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: 'Bearer admin-token-for-tests', 'content-type': 'application/json' } });
  return { status: res.status, text: await res.text() };
}

const chat = () => fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'keyless/m-large', messages: [{ role: 'user', content: 'hi' }] }) });

test('providers are listed with their key source, never a key', async () => {
  const { status, text } = await admin('/api/providers');
  assert.equal(status, 200);
  const providers = JSON.parse(text).providers;
  assert.deepEqual(providers.map((p: any) => [p.id, p.keyRef, p.hasKey]), [['keyless', null, false], ['fromenv', 'env:FROM_ENV_KEY', true], ['silent', 'env:FROM_ENV_KEY', true], ['pooled', null, true]]);
  assert.ok(providers[0].models.includes('m-large'));
  assert.equal(text.includes(ENV_KEY), false);
  assert.equal(text.includes('sk-pool-'), false);
});

test('a key set from the dashboard is stored encrypted, used upstream, and never shown back', async () => {
  const refused = await chat();
  assert.equal(refused.status, 502, 'the upstream refuses a request without the key: the gateway failed, not the client');
  assert.equal((await refused.json()).error.code, 'upstream_key_refused');
  assert.equal((await admin('/api/providers/keyless/key', { method: 'PUT', body: JSON.stringify({ apiKey: '' }) })).status, 400);
  // A line break inside the key would make every upstream request fail inside the HTTP client.
  const broken = await admin('/api/providers/keyless/key', { method: 'PUT', body: JSON.stringify({ apiKey: 'sk-a\r\nX-Injected: 1' }) });
  assert.equal(broken.status, 400, broken.text);
  assert.match(JSON.parse(broken.text).error.message, /control character/);
  const set = await admin('/api/providers/keyless/key', { method: 'PUT', body: JSON.stringify({ apiKey: STORED_KEY }) });
  assert.equal(set.status, 200);
  assert.equal(set.text.includes(STORED_KEY), false);
  assert.equal((await chat()).status, 200);
  assert.equal(upstream.requests.at(-1)!.headers.authorization, `Bearer ${STORED_KEY}`);
  const listed = await admin('/api/providers');
  assert.equal(listed.text.includes(STORED_KEY), false);
  assert.deepEqual(JSON.parse(listed.text).providers[0].keyRef, 'keychain:keyless');
  for (const file of readdirSync(gateway.dataDir)) {
    if (file.startsWith('keys')) assert.equal(readFileSync(join(gateway.dataDir, file), 'utf8').includes(STORED_KEY), false, 'encrypted at rest');
  }
});

test('a key that comes from the environment cannot be replaced here', async () => {
  const res = await admin('/api/providers/fromenv/key', { method: 'PUT', body: JSON.stringify({ apiKey: 'sk-other' }) });
  assert.equal(res.status, 409);
  assert.match(res.text, /env:FROM_ENV_KEY/);
  assert.equal((await admin('/api/providers/nope/key', { method: 'DELETE' })).status, 404);
});

test('the connection test proves the key: ok with the stored key, refused with another', async () => {
  const ok = JSON.parse((await admin('/api/providers/keyless/test', { method: 'POST' })).text);
  assert.equal(ok.ok, true);
  assert.equal(ok.status, 200);
  const refused = JSON.parse((await admin('/api/providers/fromenv/test', { method: 'POST' })).text);
  assert.deepEqual([refused.ok, refused.status], [false, 401]);
});

test('the connection test gives up after the provider\'s own timeoutMs', async () => {
  const started = performance.now();
  const result = JSON.parse((await admin('/api/providers/silent/test', { method: 'POST' })).text);
  assert.equal(result.ok, false);
  assert.match(result.error, /within 300 ms/);
  assert.ok(performance.now() - started < 5000, 'the 10 s cap did not apply: the provider\'s 300 ms did');
});

test('deleting the key takes effect on the next request', async () => {
  const res = await admin('/api/providers/keyless/key', { method: 'DELETE' });
  assert.deepEqual(JSON.parse(res.text), { id: 'keyless', deleted: true });
  assert.equal((await chat()).status, 502);
});

test('a provider with an apiKeys pool refuses dashboard key changes, which it would never use', async () => {
  for (const method of ['PUT', 'DELETE']) {
    const res = await admin('/api/providers/pooled/key', { method, body: method === 'PUT' ? JSON.stringify({ apiKey: 'sk-ignored-0000000003' }) : undefined });
    assert.equal(res.status, 409, `${method}: ${res.text}`);
    assert.match(JSON.parse(res.text).error.message, /apiKeys/);
  }
  assert.equal(readdirSync(gateway.dataDir).some((f) => f.startsWith('keys') && readFileSync(join(gateway.dataDir, f), 'utf8').includes('"pooled"')), false, 'nothing was stored under its id');
});

test('an unreadable key store is a 503 naming the problem, not an internal error', async () => {
  writeFileSync(join(gateway.dataDir, 'keys.enc.json'), 'not json at all');
  for (const method of ['PUT', 'DELETE']) {
    const res = await admin('/api/providers/keyless/key', { method, body: method === 'PUT' ? JSON.stringify({ apiKey: STORED_KEY }) : undefined });
    assert.equal(res.status, 503, `${method}: ${res.text}`);
    const error = JSON.parse(res.text).error;
    assert.equal(error.code, 'key_store_unavailable');
    assert.match(error.message, /not valid JSON/);
  }
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
});
