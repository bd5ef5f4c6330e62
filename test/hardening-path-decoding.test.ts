// Malformed percent-encoding in a request path must be the caller's 4xx in its API's shape, never
// an exception out of the request listener: one such request used to kill the whole gateway,
// before any key was checked. End to end against a real `serve` process.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest } from './helpers/raw-request';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const CLIENT_KEY = 'sy-path-client-8d2e6a4c1f';
let gateway: SpawnedGateway;

before(async () => {
  gateway = await spawnGateway({
    providers: [{ id: 'up', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-path-upstream' }],
    clients: [{ name: 'c', key: CLIENT_KEY }],
  });
});

after(async () => {
  await gateway.stop();
});

const rawPost = (path: string, headers: Record<string, string>) =>
  rawRequest(gateway.port, path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) });

const rows: Array<{ name: string; path: string; headers: Record<string, string> }> = [
  { name: 'a stray % (no key)', path: '/v1beta/models/%ZZ:generateContent', headers: {} },
  { name: 'a lone % with a key', path: '/v1beta/models/up%:generateContent', headers: { 'x-goog-api-key': CLIENT_KEY } },
  { name: 'truncated UTF-8 escape, streaming', path: '/v1beta/models/up%2Fm%E0%A4:streamGenerateContent?alt=sse', headers: { 'x-goog-api-key': CLIENT_KEY } },
  { name: 'invalid UTF-8 escape under /v1', path: '/v1/models/%C0%AF:generateContent', headers: { 'x-goog-api-key': CLIENT_KEY } },
];

for (const row of rows) {
  test(`Gemini path with ${row.name} → 400 in Gemini's error shape, gateway still up`, async () => {
    const res = await rawPost(row.path, row.headers);
    assert.equal(res.status, 400, res.body);
    const error = (JSON.parse(res.body) as { error: { code: number; status: string; message: string } }).error;
    assert.equal(error.code, 400);
    assert.equal(error.status, 'INVALID_ARGUMENT');
    assert.match(error.message, /percent-encoding/);
    assert.equal(gateway.child.exitCode, null, gateway.output());
    assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
  });
}
