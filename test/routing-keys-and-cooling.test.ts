// Key pools and cooling targets through a real `switchyard serve` process against a fake upstream
// that refuses one key and rate limits by model. What must hold: a key the provider refused is not
// asked again on another target of the same provider, nor by later requests; a route whose targets
// are interchangeable (weighted) answers from a target that can answer now instead of waiting out
// another's 429 rest, while a fallback route waits a short rest out for its preferred target.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultyUpstream, type Fault, type FaultRequest, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { findLoggedRequest } from './helpers/find-logged-request';

const ADMIN = 'admin-token-routing-keys-and-cooling';
/** The rest a rate-limited model asks for, in seconds: well under the cap, well over an answer's time. */
const REST_S = 2;
let upstream: FaultyUpstream;
let gateway: SpawnedGateway;

function decide(req: FaultRequest): Fault {
  if (req.key === 'k-revoked') return { kind: 'status', status: 401 };
  if (req.model === 'big') return { kind: 'status', status: 500 };
  // Each `rest-*` model's first call is rate limited, every later one answered.
  if (req.model.startsWith('rest-') && req.n === 0) return { kind: 'status', status: 429, retryAfter: String(REST_S) };
  return { kind: 'ok' };
}

before(async () => {
  upstream = await startFaultyUpstream(decide);
  const provider = (id: string, apiKey: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey, timeoutMs: 3_000, ...extra });
  // The heavy weight makes the draw all but certain: the rate-limited target comes first. Each route
  // has its own rate-limited provider, since a 429 rests the key, whatever the model.
  const preferRested = (strategy: string, hot: string, spare: string) => ({ strategy, targets: [{ target: `${hot}/rest-${hot}`, weight: 1_000_000 }, { target: `spare/${spare}`, weight: 1 }] });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [provider('pool', 'k-revoked', { apiKeys: ['k-good'] }), ...['hot-w', 'hot-f', 'hot-a', 'hot-b'].map((id) => provider(id, `k-${id}`)), provider('spare', 'k-spare')],
    routes: [
      { name: 'two-models', targets: ['pool/big', 'pool/small'] },
      { name: 'weighted', ...preferRested('weighted', 'hot-w', 'ok-w') },
      { name: 'fallback', ...preferRested('fallback', 'hot-f', 'ok-f') },
      { name: 'all-resting', strategy: 'weighted', targets: [{ target: 'hot-a/rest-hot-a', weight: 1_000_000 }, { target: 'hot-b/rest-hot-b', weight: 1 }] },
    ],
    // Breakers count to 5 as by default: only the refusal itself may take the key out.
    routing: { maxAttempts: 5, deadlineMs: 10_000, retryAfterCapMs: 5_000, breaker: { failures: 5, cooldownMs: 60_000 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function chat(model: string): Promise<{ status: number; target: string | null; id: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
  await res.arrayBuffer();
  return { status: res.status, target: res.headers.get('x-switchyard-target'), id: res.headers.get('x-switchyard-request-id')!, ms: performance.now() - started };
}

async function admin(path: string): Promise<any> {
  const res = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return res.json();
}

/** The logged attempts of one request, once the log (written in batches) has it. */
async function attemptsOf(id: string): Promise<Array<[string, number | null]>> {
  const row = await findLoggedRequest(gateway.url, ADMIN, (r) => r.id === id);
  return row.attempts.map((a) => [a.target, a.status]);
}

const keysAsked = () => upstream.calls.filter((c) => c.model === 'big' || c.model === 'small').map((c) => c.key);

test('a key refused on one target is not asked on the next target of the same provider, nor by the next requests', async () => {
  const first = await chat('two-models');
  assert.equal(first.status, 200);
  assert.equal(first.target, 'pool/small');
  // k-revoked refused on pool/big, k-good failed there with a 500: the failover to pool/small takes k-good again.
  assert.deepEqual(await attemptsOf(first.id), [['pool/big', 401], ['pool/big', 500], ['pool/small', 200]]);
  assert.deepEqual(keysAsked(), ['k-revoked', 'k-good', 'k-good']);
  for (let i = 0; i < 4; i++) assert.equal((await chat('two-models')).status, 200);
  assert.equal(keysAsked().filter((k) => k === 'k-revoked').length, 1, 'four later requests never asked the refused key');
  const breaker = (await admin('/api/breakers')).breakers.find((b: any) => b.account === 'pool#1');
  assert.equal(breaker.state, 'open');
  assert.equal(typeof breaker.keyRefusedAt, 'number');
});

test('weighted: a target resting after a 429 gives way to one that answers now; fallback waits the short rest out for its first target', async () => {
  const weighted = await chat('weighted');
  assert.equal(weighted.status, 200);
  assert.equal(weighted.target, 'spare/ok-w');
  assert.deepEqual(await attemptsOf(weighted.id), [['hot-w/rest-hot-w', 429], ['spare/ok-w', 200]]);
  assert.ok(weighted.ms < REST_S * 1000 / 2, `answered in ${Math.round(weighted.ms)} ms: nothing waited for the ${REST_S} s rest`);

  const fallback = await chat('fallback');
  assert.equal(fallback.status, 200);
  assert.equal(fallback.target, 'hot-f/rest-hot-f', 'the preferred target, once its rest was over');
  assert.deepEqual(await attemptsOf(fallback.id), [['hot-f/rest-hot-f', 429], ['hot-f/rest-hot-f', 200]]);
  assert.ok(fallback.ms >= REST_S * 1000 - 100, `answered in ${Math.round(fallback.ms)} ms, after the rest`);
  assert.equal(upstream.callsFor('ok-f').length, 0, 'the spare target was never asked');
});

test('weighted: with every target resting, the request waits for the one free soonest instead of failing', async () => {
  const answer = await chat('all-resting');
  assert.equal(answer.status, 200);
  assert.deepEqual((await attemptsOf(answer.id)).map(([, status]) => status), [429, 429, 200]);
  assert.ok(answer.ms >= REST_S * 1000 - 100, `answered in ${Math.round(answer.ms)} ms: after a rest`);
});
