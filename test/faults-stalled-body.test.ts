// An upstream that sends a JSON answer's head and then stalls, against a real `serve` process:
// the client, which gets nothing until the body is whole, must not wait past the route's deadline
// (undici's own body timeout is five minutes). It gets a 504 in its own API's shape, and the log
// shows the cut attempt.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { findLoggedRequest } from './helpers/find-logged-request';

const ADMIN = 'admin-token-stalled-body';
const DEADLINE_MS = 1_500;
let upstream: http.Server;
const sockets = new Set<Socket>();
let gateway: SpawnedGateway;

before(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"chatcmpl-stalled",');
    });
  });
  upstream.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-stalled-upstream-key' },
      { id: 'an', kind: 'anthropic', baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-ant-stalled-upstream-key' },
    ],
    routing: { deadlineMs: DEADLINE_MS },
  });
});

after(async () => {
  await gateway?.stop();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const rows = [
  { name: 'OpenAI chat client, OpenAI upstream', path: '/v1/chat/completions', body: { model: 'oa/m', messages: [{ role: 'user', content: 'hi' }] }, code: (b: any) => b.error?.code },
  { name: 'Anthropic client, Anthropic upstream', path: '/v1/messages', body: { model: 'an/m', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, code: (b: any) => b.type === 'error' && b.error?.type },
];

for (const row of rows) {
  test(`a JSON body that stalls after its head is cut at the deadline: ${row.name}`, async () => {
    const started = Date.now();
    const res = await fetch(gateway.url + row.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(row.body) });
    const waited = Date.now() - started;
    const body = await res.json();
    assert.equal(res.status, 504);
    assert.ok(row.code(body), `an error in the client's own shape: ${JSON.stringify(body)}`);
    assert.ok(waited >= DEADLINE_MS - 50 && waited < DEADLINE_MS + 3_000, `answered after ${waited} ms`);

    const id = res.headers.get('x-switchyard-request-id');
    const logged = await findLoggedRequest(gateway.url, ADMIN, (r) => r.id === id).catch(() => undefined);
    assert.equal(logged?.status, 504);
    assert.deepEqual(logged?.attempts.map((a) => a.error), ['upstream_timeout']);
  });
}
