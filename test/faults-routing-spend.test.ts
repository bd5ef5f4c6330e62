// Routing and spend under faults, through a real `switchyard serve` process: key pools whose keys
// are refused or rate limited, open breakers, budgets and rate limits of gateway keys while upstreams
// fail, and every failure in the client's own API shape.

import { test, before, after } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { startFaultyUpstream, type Fault, type FaultRequest, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-faults-routing-spend';
let upstream: FaultyUpstream;
let gateway: SpawnedGateway;
const HTTP_DATE_SOON = () => new Date(Date.now() + 1_500).toUTCString();

function decide(req: FaultRequest): Fault {
  if (req.key === 'bad-key') return { kind: 'status', status: 401 };
  if (req.model === 'refused') return { kind: 'status', status: 401 };
  if (req.model === 'forbidden') return req.key === 'k-a' ? { kind: 'status', status: 403 } : { kind: 'ok' };
  if (req.model === 'limited-date') return { kind: 'status', status: 429, retryAfter: HTTP_DATE_SOON() };
  if (req.model === 'limited-long') return { kind: 'status', status: 429, retryAfter: '30' };
  if (req.model === 'down') return { kind: 'status', status: 500 };
  if (req.model === 'hang') return { kind: 'hang' };
  return { kind: 'ok' };
}

before(async () => {
  upstream = await startFaultyUpstream(decide);
  const base = `${upstream.url}/v1`;
  const provider = (id: string, keys: string[]) => ({ id, kind: 'openai', baseUrl: base, apiKey: keys[0], apiKeys: keys.slice(1), timeoutMs: 600, prices: { ok: { input: 1, output: 1 }, down: { input: 1, output: 1 } } });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [provider('pool', ['k-a', 'k-b']), provider('solo', ['k-s']), provider('brk', ['k-brk']), provider('spare', ['k-spare']), provider('rot', ['bad-key']), provider('hangs', ['k-h']), provider('okp', ['k-ok'])],
    routes: [
      { name: 'fail-then-ok', targets: ['solo/down', 'okp/ok'] },
      { name: 'all-down', targets: ['solo/down', 'spare/down'] },
    ],
    clients: [
      { name: 'budgeted', key: 'sy-budgeted-0123456789', budget: { usd: 10, period: 'day' } },
      { name: 'limited', key: 'sy-limited-0123456789', rateLimit: { rpm: 3 } },
    ],
    routing: { maxAttempts: 5, deadlineMs: 5_000, retryAfterCapMs: 500, breaker: { failures: 2, cooldownMs: 60_000 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function admin(path: string, init?: RequestInit): Promise<any> {
  const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
  return res.json();
}

async function logged(id: string): Promise<any> {
  for (let i = 0; i < 50; i++) {
    const { requests } = await admin('/api/requests?limit=200');
    const found = requests.find((r: any) => r.id === id);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`request ${id} never reached the log`);
}

type Wire = 'chat' | 'responses' | 'anthropic' | 'gemini';
async function call(wire: Wire, model: string, key = 'sy-budgeted-0123456789') {
  const paths: Record<Wire, [string, unknown]> = {
    chat: ['/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 10 }],
    responses: ['/v1/responses', { model, input: 'hi', max_output_tokens: 10 }],
    anthropic: ['/v1/messages', { model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }],
    gemini: [`/v1beta/models/${model}:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { maxOutputTokens: 10 } }],
  };
  const [path, body] = paths[wire];
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() as any, retryAfter: res.headers.get('retry-after'), id: res.headers.get('x-switchyard-request-id')! };
}

const WIRES: Wire[] = ['chat', 'responses', 'anthropic', 'gemini'];

test('a refused key replaced by a config reload is used at once, although its breaker had opened', async () => {
  for (const expected of [502, 502, 503]) assert.equal((await call('chat', 'rot/ok')).status, expected);
  const config = JSON.parse(readFileSync(gateway.configPath, 'utf8'));
  config.providers.find((p: { id: string }) => p.id === 'rot').apiKey = 'good-key';
  const reloaded = (await admin('/api/config/status')).loadedAt;
  writeFileSync(gateway.configPath, JSON.stringify(config));
  await waitFor(async () => (await admin('/api/config/status')).loadedAt !== reloaded, 'the edited config to load');
  const answer = await call('chat', 'rot/ok');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(upstream.callsFor('ok').filter((c) => c.key.endsWith('-key')).map((c) => c.key), ['bad-key', 'bad-key', 'good-key']);
  const rot = (await admin('/api/breakers')).breakers.find((b: { account: string }) => b.account === 'rot#1');
  assert.equal(rot.state, 'closed');
});

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function callStream(model: string) {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sy-budgeted-0123456789' }, body: JSON.stringify({ model, stream: true, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }) });
  return { status: res.status, text: await res.text(), id: res.headers.get('x-switchyard-request-id')! };
}
