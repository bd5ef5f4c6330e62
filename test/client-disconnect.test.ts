// A client that hangs up: waiting on a slow upstream, or in the middle of a stream. The gateway
// cancels its upstream call at once (no failover for nobody), logs the request as 499, and goes
// on serving.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-disconnect-tests';
const upstreamClosed = new Map<string, number>();
const seen: string[] = [];
let gateway: SpawnedGateway;

const frame = (text: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;

const upstream = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const model = String(JSON.parse(Buffer.concat(parts).toString()).model);
    seen.push(model);
    res.on('close', () => upstreamClosed.set(model, Date.now()));
    if (model === 'hang') return; // never answers
    if (model === 'drip' || model === 'endless') {
      // One frame every 50 ms, for 10 s (far longer than the client stays) or until cut.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let n = 0;
      const timer = setInterval(() => (n++ < 200 || model === 'endless' ? res.write(frame(`w${n} `)) : res.end('data: [DONE]\n\n')), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: `answer from ${model}` }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
  });
});

before(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [{ id: 'up', kind: 'openai', baseUrl: base, apiKey: 'sk-disconnect', timeoutMs: 10_000 }],
    routes: [
      { name: 'slow-then-ok', strategy: 'fallback', targets: ['up/hang', 'up/ok'] },
      { name: 'drip', strategy: 'fallback', targets: ['up/drip'] },
    ],
  });
});

after(async () => {
  await gateway?.stop();
  upstream.close();
});

async function lastRequest(): Promise<{ status: number; attempts: Array<{ target: string }> }> {
  const res = await fetch(`${gateway.url}/api/requests?limit=1`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await res.json()) as { requests: Array<{ status: number; attempts: Array<{ target: string }> }> }).requests[0]!;
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function post(body: object, path = '/v1/chat/completions'): http.ClientRequest {
  const req = http.request(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  req.on('error', () => {});
  req.end(JSON.stringify(body));
  return req;
}

/** The client hangs up while the route's first target is silent: no fallback for nobody, 499 logged. */
async function leaveWhileSilent(req: http.ClientRequest): Promise<void> {
  await until(() => seen.includes('hang'));
  const leftAt = Date.now();
  req.destroy();
  await until(() => upstreamClosed.has('hang'));
  assert.ok(upstreamClosed.get('hang')! - leftAt < 1000, 'the upstream connection closed right after the client left');
  await sleep(300);
  assert.ok(!seen.includes('ok'), 'no fallback attempt was made for a client that is gone');
  const logged = await lastRequest();
  assert.equal(logged.status, 499);
  assert.deepEqual(logged.attempts.map((a) => a.target), ['up/hang']);
}

test('a client that leaves while the upstream is silent: the upstream call is cancelled, nothing fails over, 499 logged', async () => {
  await leaveWhileSilent(post({ model: 'slow-then-ok', messages: [{ role: 'user', content: 'hi' }] }));
});

test('a client that leaves mid-stream: the upstream stream is cut, 499 logged, the gateway serves on', async () => {
  const req = post({ model: 'drip', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
  assert.equal(res.statusCode, 200);
  await new Promise((resolve) => res.once('data', resolve));
  const leftAt = Date.now();
  req.destroy();
  await until(() => upstreamClosed.has('drip'));
  assert.ok(upstreamClosed.get('drip')! - leftAt < 1000, 'the upstream stream closed right after the client left');
  await sleep(200);
  assert.equal((await lastRequest()).status, 499);

  const again = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'up/ok', messages: [{ role: 'user', content: 'hi' }] }) });
  assert.equal(again.status, 200);
  assert.match(JSON.stringify(await again.json()), /answer from ok/);
});

test('an embeddings client that leaves while the upstream is silent: the call is cancelled, nothing fails over, 499 logged', async () => {
  seen.length = 0;
  upstreamClosed.delete('hang');
  await leaveWhileSilent(post({ model: 'slow-then-ok', input: 'hello' }, '/v1/embeddings'));
});

// Last: it stops the gateway. Shutdown lets a stream run for its 10 s grace, then cuts it.
test('a stream still running when shutdown\'s grace runs out is logged as cut by the shutdown, not as the client leaving', async () => {
  const req = post({ model: 'up/endless', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
  assert.equal(res.statusCode, 200);
  res.on('error', () => {});
  await new Promise((resolve) => res.once('data', resolve));
  assert.equal(await gateway.stop(), 0);
  const db = new Database(join(gateway.dataDir, 'switchyard.db'), { readonly: true });
  const row = db.prepare("SELECT status, error FROM requests WHERE model = 'up/endless'").get() as { status: number; error: string | null };
  db.close();
  assert.equal(row.status, 503);
  assert.match(row.error ?? '', /shut down/);
});
