// A gateway client always gets a JSON error in its own API's shape: an unknown path is a 404 and a
// wrong method on a known API path a 405 with `Allow`, never express's HTML "Cannot GET /x". The
// dashboard's files, /health, /metrics and the admin API (its own error shape) keep working.
// End to end against a real `serve` process with the dashboard built.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawRequest } from './helpers/raw-request';
import { assertErrorShape, type ErrorShape } from './helpers/assert-error-shape';
import { spawnGateway, REPO_ROOT, type SpawnedGateway } from './helpers/spawn-gateway';
import { ensureDashboardBuilt } from './dashboard-build';

const ADMIN_TOKEN = 'sy-admin-edges-5f1c9a7e';
let gateway: SpawnedGateway;

before(async () => {
  ensureDashboardBuilt();
  gateway = await spawnGateway({
    adminToken: ADMIN_TOKEN,
    providers: [{ id: 'up', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-edges-upstream' }],
  });
});

after(async () => {
  await gateway?.stop();
});

interface ErrorRow {
  name: string;
  method: string;
  path: string;
  expected: { status: number; shape: ErrorShape; allow?: string };
}

const ERROR_ROWS: ErrorRow[] = [
  { name: 'unknown path', method: 'GET', path: '/foo', expected: { status: 404, shape: 'openai' } },
  { name: 'unknown path, POST', method: 'POST', path: '/foo/bar', expected: { status: 404, shape: 'openai' } },
  { name: 'unknown path under /v1', method: 'GET', path: '/v1/nothing', expected: { status: 404, shape: 'openai' } },
  { name: 'unknown Anthropic path', method: 'POST', path: '/v1/messages/batches', expected: { status: 404, shape: 'anthropic' } },
  { name: 'unknown Gemini path', method: 'GET', path: '/v1beta/cachedContents', expected: { status: 404, shape: 'gemini' } },
  { name: 'GET on Chat Completions', method: 'GET', path: '/v1/chat/completions', expected: { status: 405, shape: 'openai', allow: 'POST' } },
  { name: 'GET on unversioned Chat Completions', method: 'GET', path: '/chat/completions', expected: { status: 405, shape: 'openai', allow: 'POST' } },
  { name: 'DELETE on Messages', method: 'DELETE', path: '/v1/messages', expected: { status: 405, shape: 'anthropic', allow: 'POST' } },
  { name: 'GET on count_tokens', method: 'GET', path: '/v1/messages/count_tokens', expected: { status: 405, shape: 'anthropic', allow: 'POST' } },
  { name: 'GET on Responses', method: 'GET', path: '/v1/responses', expected: { status: 405, shape: 'openai', allow: 'POST' } },
  { name: 'PUT on embeddings', method: 'PUT', path: '/v1/embeddings', expected: { status: 405, shape: 'openai', allow: 'POST' } },
  { name: 'GET on generateContent', method: 'GET', path: '/v1beta/models/up%2Fm:generateContent', expected: { status: 405, shape: 'gemini', allow: 'POST' } },
  { name: 'GET on streamGenerateContent', method: 'GET', path: '/v1beta/models/m:streamGenerateContent?alt=sse', expected: { status: 405, shape: 'gemini', allow: 'POST' } },
  { name: 'POST on the model list', method: 'POST', path: '/v1/models', expected: { status: 405, shape: 'openai', allow: 'GET, HEAD' } },
  { name: 'POST on /health', method: 'POST', path: '/health', expected: { status: 405, shape: 'openai', allow: 'GET, HEAD' } },
  { name: 'DELETE on /metrics', method: 'DELETE', path: '/metrics', expected: { status: 405, shape: 'openai', allow: 'GET, HEAD' } },
  { name: 'a dotfile, which the static files never serve', method: 'GET', path: '/.env', expected: { status: 404, shape: 'openai' } },
  { name: 'a malformed escape in a file path', method: 'GET', path: '/assets/%E0%A4%A', expected: { status: 404, shape: 'openai' } },
  { name: 'a missing asset', method: 'GET', path: '/assets/missing.js', expected: { status: 404, shape: 'openai' } },
];

for (const row of ERROR_ROWS) {
  test(`${row.name}: ${row.method} ${row.path} → ${row.expected.status} JSON in ${row.expected.shape}'s shape`, async () => {
    // A body only where Node's client frames one by default (GET and DELETE send theirs unframed).
    const withBody = row.method === 'POST' || row.method === 'PUT';
    const res = await rawRequest(gateway.port, row.path, { method: row.method, headers: withBody ? { 'content-type': 'application/json' } : {}, body: withBody ? '{}' : undefined });
    assert.equal(res.status, row.expected.status, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assertErrorShape(row.expected.shape, res.status, res.body, `${row.method} ${row.path}`);
    assert.equal(res.headers.allow, row.expected.allow);
  });
}

test('the dashboard, its assets, /health, /metrics and the admin API still answer as before', async () => {
  const index = await rawRequest(gateway.port, '/');
  assert.equal(index.status, 200);
  assert.match(String(index.headers['content-type']), /^text\/html/);
  const asset = /src="\.?\/(assets\/[^"]+\.js)"/.exec(readFileSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'), 'utf8'))?.[1];
  assert.ok(asset, 'the built index.html loads a script from /assets');
  const script = await rawRequest(gateway.port, `/${asset}`);
  assert.equal(script.status, 200);
  assert.match(String(script.headers['content-type']), /javascript/);

  const health = await rawRequest(gateway.port, '/health');
  assert.deepEqual([health.status, JSON.parse(health.body)], [200, { status: 'ok' }]);
  const head = await rawRequest(gateway.port, '/health', { method: 'HEAD' });
  assert.deepEqual([head.status, head.body], [200, '']);
  const metrics = await rawRequest(gateway.port, '/metrics');
  assert.equal(metrics.status, 200);
  assert.match(String(metrics.headers['content-type']), /^text\/plain/);

  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  assert.equal((await rawRequest(gateway.port, '/api/profile')).status, 401);
  const profile = await rawRequest(gateway.port, '/api/profile', { headers: auth });
  assert.deepEqual(JSON.parse(profile.body), { active: null, profiles: [] });
  const missing = await rawRequest(gateway.port, '/api/nothing', { headers: auth });
  assert.deepEqual([missing.status, JSON.parse(missing.body).error.message], [404, 'no such admin endpoint']);
});
