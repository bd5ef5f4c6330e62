// A browser app on an origin listed in `allowedOrigins` must be able to call the gateway: its
// preflight is answered and its answers carry CORS headers. Foreign origins still get 403 and no
// CORS headers; SDK calls without an Origin get none either. End to end against a real `serve`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest } from './helpers/raw-request';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { startPermissiveUpstream, type PermissiveUpstream } from './fakes/permissive-upstream';

const ADMIN = 'cors-admin-token-5c1e9a7b3d';
const CLIENT_KEY = 'sy-cors-client-2b8f4d6a0c';
const APP = 'http://localhost:5173';
let upstream: PermissiveUpstream;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startPermissiveUpstream();
  gateway = await spawnGateway({
    adminToken: ADMIN,
    // Listed in other cases than browsers send: origins and host names compare case-insensitively.
    allowedOrigins: ['http://LocalHost:5173'],
    allowedHosts: ['MyBox.Local'],
    providers: [{ id: 'up', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-cors-upstream-key' }],
    routes: [{ name: 'chat', strategy: 'fallback', targets: ['up/m'] }],
    clients: [{ name: 'web', key: CLIENT_KEY }],
  });
});

after(async () => {
  await gateway.stop();
  await upstream.close();
});

const raw = (path: string, options: Parameters<typeof rawRequest>[2] = {}) => rawRequest(gateway.port, path, options);

const preflight = (path: string, origin: string, method = 'POST') =>
  raw(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type, x-stainless-os' } });

const preflightRows = [
  { name: 'client API from a listed origin', path: '/v1/chat/completions', origin: APP, method: 'POST', status: 204 },
  { name: 'Anthropic API from a listed origin', path: '/v1/messages', origin: APP, method: 'POST', status: 204 },
  { name: 'admin API from a listed origin', path: '/api/clients/someone', origin: APP, method: 'DELETE', status: 204 },
  { name: 'foreign origin', path: '/v1/chat/completions', origin: 'https://evil.example', method: 'POST', status: 403 },
];

for (const row of preflightRows) {
  test(`preflight: ${row.name}`, async () => {
    const res = await preflight(row.path, row.origin, row.method);
    assert.equal(res.status, row.status, res.body);
    if (row.status !== 204) return assert.equal(res.headers['access-control-allow-origin'], undefined);
    assert.equal(res.headers['access-control-allow-origin'], row.origin);
    assert.match(String(res.headers['access-control-allow-methods']), new RegExp(`\\b${row.method}\\b`));
    assert.match(String(res.headers['access-control-allow-headers']), /authorization/);
    assert.match(String(res.headers['access-control-allow-headers']), /x-stainless-os/);
    assert.match(String(res.headers.vary), /origin/i);
  });
}

test('a listed origin reads the answer and Switchyard\'s headers', async () => {
  const res = await raw('/v1/chat/completions', {
    method: 'POST',
    headers: { origin: APP, authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['access-control-allow-origin'], APP);
  assert.match(String(res.headers['access-control-expose-headers']), /x-switchyard-request-id/);
  assert.match(String(res.headers['access-control-expose-headers']), /x-switchyard-target/);
  const admin = await raw('/api/profile', { headers: { origin: APP, authorization: `Bearer ${ADMIN}` } });
  assert.equal(admin.status, 200, admin.body);
  assert.equal(admin.headers['access-control-allow-origin'], APP);
});

test('no CORS headers without an Origin, for the same origin, or on a refusal', async () => {
  const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
  const headers = { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' };
  const sdk = await raw('/v1/chat/completions', { method: 'POST', headers, body });
  assert.equal(sdk.status, 200, sdk.body);
  assert.equal(sdk.headers['access-control-allow-origin'], undefined);
  const same = await raw('/v1/chat/completions', { method: 'POST', headers: { ...headers, origin: gateway.url }, body });
  assert.equal(same.status, 200, same.body);
  assert.equal(same.headers['access-control-allow-origin'], undefined);
  const foreign = await raw('/v1/chat/completions', { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
});

test('allowedHosts match whatever case the config and the Host header use', async () => {
  for (const host of ['mybox.local', `MYBOX.LOCAL:${gateway.port}`]) {
    const res = await raw('/health', { headers: { host } });
    assert.equal(res.status, 200, `${host}: ${res.body}`);
  }
  assert.equal((await raw('/health', { headers: { host: 'other.local' } })).status, 421);
});
