// What a browser can do to a local gateway: static files outside the dashboard (path traversal),
// the dashboard's CSP, foreign origins (CSRF), foreign Host names (DNS rebinding) and non-JSON
// posts — checked end to end over real HTTP against the server factory.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { rawRequest } from './helpers/raw-request';
import { validateConfig } from '../proxy/config/load-config';
import { Gateway } from '../proxy/gateway/gateway';
import { SqliteStore } from '../proxy/store/sqlite/sqlite-store';
import { createServer } from '../proxy/server/create-server';
import { createLogger } from '../proxy/server/logger';
import { tempDir } from './helpers/spawn-gateway';

const SECRET = 'top-secret-file-content-4b7e1d';
const ADMIN = 'browser-admin-token-0123456789';
let server: http.Server;
let gateway: Gateway;
let port: number;

before(async () => {
  // <root>/secret.txt and <root>/dashboard/{index.html, assets/app.js}: the server serves dashboard/.
  const root = tempDir('static');
  const dashboard = join(root, 'dashboard');
  mkdirSync(join(dashboard, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>Switchyard</title><script src="/assets/app.js"></script>');
  writeFileSync(join(dashboard, 'assets', 'app.js'), 'console.log("dashboard")');
  writeFileSync(join(dashboard, '.env'), SECRET);
  const config = await validateConfig({ adminToken: ADMIN, allowedOrigins: ['http://localhost:5173'] }, '(test)', {});
  const store = new SqliteStore({ dataDir: join(root, 'data') });
  gateway = new Gateway({ config, store, logger: createLogger(process.stderr, true), loopbackOnly: true });
  server = createServer(gateway, { adminToken: () => ADMIN, dashboardDir: dashboard, place: { port: () => port, host: '127.0.0.1', dataDir: join(root, 'data') } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.close();
});

const raw = (path: string, options: Parameters<typeof rawRequest>[2] = {}) => rawRequest(port, path, options);

const TRAVERSALS = [
  '/../secret.txt',
  '/assets/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  '/..%2fsecret.txt',
  '/..%5csecret.txt',
  '/%252e%252e%252fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '//..//..//secret.txt',
  '/.env',
  '/assets/../.env',
  '/%2e%65nv',
];

test('static files: no path escapes the dashboard directory or reaches a dotfile', async () => {
  for (const path of TRAVERSALS) {
    const res = await raw(path);
    assert.ok(!res.body.includes(SECRET), `${path} leaked the file (${res.status})`);
    assert.ok(res.status >= 400 || res.status === 200, `${path}: ${res.status}`);
  }
  // The files that are meant to be served are.
  const asset = await raw('/assets/app.js');
  assert.equal(asset.status, 200);
  assert.match(asset.body, /dashboard/);
});

test('the dashboard and its assets carry a strict CSP and no-sniff', async () => {
  for (const path of ['/', '/assets/app.js']) {
    const res = await raw(path);
    assert.equal(res.status, 200, path);
    const csp = String(res.headers['content-security-policy'] ?? '');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    assert.deepEqual(directives.get('default-src'), ["'self'"], path);
    assert.deepEqual(directives.get('script-src'), ["'self'"], `${path}: scripts only from the gateway, no inline or eval`);
    assert.deepEqual(directives.get('object-src'), ["'none'"], path);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], path);
    assert.deepEqual(directives.get('base-uri'), ["'none'"], path);
    assert.ok(!csp.includes('unsafe-eval'), path);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
  }
  assert.equal((await raw('/')).headers['cache-control'], 'no-cache');
});

const CHAT = JSON.stringify({ model: 'nothing/here', messages: [{ role: 'user', content: 'hi' }] });
interface GuardCase {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  sameOrigin?: boolean;
  expected: number;
}

const guardCases: GuardCase[] = [
  { name: 'foreign Origin on a client API post', path: '/v1/chat/completions', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, expected: 403 },
  { name: 'foreign Origin on the admin API', path: '/api/clients', headers: { origin: 'https://evil.example', 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, expected: 403 },
  { name: 'foreign Origin on a GET of the dashboard', path: '/', method: 'GET', headers: { origin: 'http://attacker.test' }, expected: 403 },
  { name: 'rebound Host name (DNS rebinding)', path: '/v1/chat/completions', headers: { host: 'attacker.test:8080', 'content-type': 'application/json' }, expected: 421 },
  { name: 'rebound Host name on the admin API', path: '/api/requests', method: 'GET', headers: { host: 'attacker.test', authorization: `Bearer ${ADMIN}` }, expected: 421 },
  { name: 'form post (text/plain CSRF)', path: '/v1/chat/completions', headers: { 'content-type': 'text/plain' }, expected: 415 },
  { name: 'form post (urlencoded) to the admin API', path: '/api/clients', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${ADMIN}` }, expected: 415 },
  { name: 'multipart post', path: '/v1/messages', headers: { 'content-type': 'multipart/form-data; boundary=x' }, expected: 415 },
  { name: 'allow-listed Origin passes the guard', path: '/v1/chat/completions', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' }, expected: 404 },
  { name: 'same-origin Origin passes the guard', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, sameOrigin: true, expected: 404 },
  { name: 'localhost Host passes the guard', path: '/v1/chat/completions', headers: { host: 'localhost', 'content-type': 'application/json' }, expected: 404 },
];

test('browser guard: origins, hosts and content types, end to end', async () => {
  for (const c of guardCases) {
    const headers: Record<string, string> = { ...c.headers };
    if (c.sameOrigin) headers.origin = `http://127.0.0.1:${port}`;
    const res = await raw(c.path, { method: c.method ?? 'POST', headers, body: c.method === 'GET' ? undefined : CHAT });
    // 404: past the guard, the unknown model is refused by routing.
    assert.equal(res.status, c.expected, `${c.name}: ${res.body}`);
    if (c.path.startsWith('/v1/') && res.status !== 200) assert.equal(typeof JSON.parse(res.body).error.message, 'string', c.name);
  }
});
