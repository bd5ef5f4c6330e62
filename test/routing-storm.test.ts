// Routing under a storm: 20–50 concurrent requests through a real `switchyard serve` process against
// an upstream that fails per key and per provider, the way real ones do (429 with `retry-after`,
// or only `x-ratelimit-reset-*`, 401 for one key, 500/503). What must hold:
// cooling and refused keys are skipped while others serve, every key cooling gives the client a
// clear 429 with a Retry-After, a half-open breaker lets one probe through, not fifty.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startFaultyUpstream, type Fault, type FaultRequest, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-routing-storm';
const COOLDOWN_MS = 600;
let upstream: FaultyUpstream;
let gateway: SpawnedGateway;
/** What the `brk` provider does now. */
let brk: Fault = { kind: 'status', status: 500 };
let brkStream: Fault = { kind: 'status', status: 500 };
let prProbe: Fault = { kind: 'ok' };

function decide(req: FaultRequest): Fault {
  if (req.model === 'pool') {
    if (req.key === 'k-limited') return { kind: 'status', status: 429, retryAfter: '30' };
    if (req.key === 'k-refused') return { kind: 'status', status: 401 };
    return { kind: 'ok' };
  }
  if (req.model === 'hot') return { kind: 'status', status: 429, retryAfter: '30' };
  // OpenAI's own 429 may carry no Retry-After, only when the exhausted limit resets.
  if (req.model === 'reset-only') return { kind: 'status', status: 429, headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s', 'x-ratelimit-remaining-tokens': '39000', 'x-ratelimit-reset-tokens': '45ms' } };
  if (req.model === 'bare') return { kind: 'status', status: 429 };
  if (req.model === 'brk') return brk;
  if (req.model === 'brk-stream') return brkStream;
  if (req.model === 'pr-hang') return { kind: 'hang' };
  if (req.model === 'pr-fail') return { kind: 'status', status: 500 };
  if (req.model === 'pr-probe') return prProbe;
  return { kind: 'ok' };
}

before(async () => {
  upstream = await startFaultyUpstream(decide);
  const base = `${upstream.url}/v1`;
  const provider = (id: string, apiKey: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'openai', baseUrl: base, apiKey, timeoutMs: 3_000, ...extra });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      provider('pool', 'k-limited', { apiKeys: ['k-refused', 'k-good'] }),
      provider('hot', 'k-hot-1', { apiKeys: ['k-hot-2'] }),
      provider('reset', 'k-reset'),
      provider('bare', 'k-bare'),
      provider('brk', 'k-brk'),
      provider('brk-stream', 'k-brk-stream'),
      provider('pr', 'k-pr', { timeoutMs: 30_000 }),
      provider('backup', 'k-backup'),
    ],
    routes: [
      { name: 'pool', targets: ['pool/pool'] },
      { name: 'hot', targets: ['hot/hot'] },
      { name: 'reset-only', targets: ['reset/reset-only'] },
      { name: 'bare', targets: ['bare/bare'] },
      { name: 'brk', targets: ['brk/brk'] },
      { name: 'brk-stream', targets: ['brk-stream/brk-stream'] },
      ...['pr-hang', 'pr-fail', 'pr-probe'].map((model) => ({ name: model, targets: [`pr/${model}`] })),
    ],
    routing: { maxAttempts: 5, deadlineMs: 10_000, retryAfterCapMs: 2_000, breaker: { failures: 2, cooldownMs: COOLDOWN_MS } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function send(model: string, path = '/v1/chat/completions'): Promise<Answer> {
  const body = path === '/v1/messages' ? { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] } : { model, messages: [{ role: 'user', content: 'hi' }] };
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(10);
  }
}

const storm = (n: number, model: string, path?: string) => Promise.all(Array.from({ length: n }, () => send(model, path)));

async function loggedRequests(): Promise<any[]> {
  const res = await fetch(`${gateway.url}/api/requests?limit=1000`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await res.json()) as { requests: any[] }).requests;
}

/** Waits until every one of `ids` is in the log (written in batches), and returns their rows. */
async function logged(ids: string[]): Promise<any[]> {
  for (let i = 0; i < 100; i++) {
    const rows = (await loggedRequests()).filter((r) => ids.includes(r.id));
    if (rows.length >= ids.length) return rows;
    await sleep(30);
  }
  throw new Error('requests never reached the log');
}

test('three keys, one rate limited and one refused: 40 concurrent requests all answered, and the next 40 never touch the bad keys', async () => {
  const first = await storm(40, 'pool');
  assert.deepEqual(first.map((a) => a.status), first.map(() => 200));
  const calls = (key: string) => upstream.callsFor('pool').filter((c) => c.key === key).length;
  const limitedBefore = calls('k-limited');
  const refusedBefore = calls('k-refused');
  // Round robin sends the first wave to every key before any answer is in; each bad key is tried at most once per request.
  assert.ok(limitedBefore <= 40 && refusedBefore <= 40);

  const started = Date.now();
  const second = await storm(40, 'pool');
  const probes = Math.ceil((Date.now() - started) / COOLDOWN_MS);
  assert.deepEqual(second.map((a) => a.status), second.map(() => 200));
  assert.equal(calls('k-limited'), limitedBefore, 'the key cooling for 30 s is skipped');
  assert.ok(calls('k-refused') - refusedBefore <= probes, `the refused key's breaker is open: ${calls('k-refused') - refusedBefore} calls, at most one probe per cooldown`);

  const ids = [...first, ...second].map((a) => a.headers.get('x-switchyard-request-id')!);
  const rows = await logged(ids);
  assert.equal(new Set(rows.map((r) => r.id)).size, 80, 'each request logged once');
  for (const row of rows) {
    assert.equal(row.status, 200);
    assert.ok(row.attempts.length >= 1 && row.attempts.length <= 3, `${row.attempts.length} attempts`);
    assert.deepEqual(row.attempts.at(-1), { ...row.attempts.at(-1), target: 'pool/pool', status: 200, error: null });
  }
});

test('every key of the only target cooling: each client gets 429 in its own format with the Retry-After the provider asked for', async () => {
  const first = await storm(20, 'hot');
  const second = [...(await storm(10, 'hot')), ...(await storm(10, 'hot', '/v1/messages'))];
  const callsAfterFirst = upstream.callsFor('hot').length;
  assert.ok(callsAfterFirst <= 40, `${callsAfterFirst} calls: each request tries each key once at most`);
  for (const answer of [...first, ...second]) {
    assert.equal(answer.status, 429);
    const retryAfter = Number(answer.headers.get('retry-after'));
    assert.ok(retryAfter >= 25 && retryAfter <= 30, `Retry-After ${answer.headers.get('retry-after')}`);
  }
  assert.equal(first[0]!.body.error.code, 'rate_limit_exceeded');
  assert.equal(second.at(-1)!.body.type, 'error');
  assert.equal(second.at(-1)!.body.error.type, 'rate_limit_error');
});

test('a 429 that says when its limit resets only through x-ratelimit-reset-*: the key rests that long and the client is told so', async () => {
  const answers = await storm(20, 'reset-only');
  for (const answer of answers) {
    assert.equal(answer.status, 429);
    const retryAfter = Number(answer.headers.get('retry-after'));
    assert.ok(retryAfter >= 19 && retryAfter <= 20, `Retry-After ${answer.headers.get('retry-after')}`);
  }
  const calls = upstream.callsFor('reset-only').length;
  assert.ok(calls <= 20, `${calls} calls: a key that must rest 20 s is not asked again within the request`);
  await sleep(1_200);
  const later = await send('reset-only');
  assert.equal(later.status, 429);
  assert.equal(upstream.callsFor('reset-only').length, calls, 'the key still rests after the 1 s default cooldown has passed');
});

test('a 429 that says nothing of when to come back: 20 concurrent clients get 429 with the Retry-After of the key\'s rest, in their own format', async () => {
  const answers = [...(await Promise.all([storm(10, 'bare'), storm(10, 'bare', '/v1/messages')])).flat()];
  for (const answer of answers) {
    assert.equal(answer.status, 429);
    assert.equal(answer.headers.get('retry-after'), '1', 'routing.rateLimitCooldownMs, whole seconds');
  }
  assert.equal(answers[0]!.body.error.code, 'rate_limit_exceeded');
  assert.equal(answers.at(-1)!.body.error.type, 'rate_limit_error');
  assert.ok(upstream.callsFor('bare').length <= 40, 'each request asks the key at most twice');
});

test('half-open: of 50 requests arriving at once, one probes the failing upstream; the rest get 503 circuit_open with a Retry-After', async () => {
  brk = { kind: 'status', status: 500 };
  await send('brk');
  await send('brk');
  const open = await send('brk');
  assert.equal(open.status, 503);
  assert.equal(open.body.error.code, 'circuit_open');
  const opened = upstream.callsFor('brk').length;
  assert.equal(opened, 2);

  await sleep(COOLDOWN_MS + 100);
  // The probe is held until the other 49 have their answers: all of them arrive while it is out.
  let fail!: (fault: Fault) => void;
  brk = { kind: 'deferred', answer: new Promise((resolve) => (fail = resolve)) };
  const sent = Array.from({ length: 50 }, () => send('brk'));
  let settled = 0;
  for (const answer of sent) void answer.then(() => settled++);
  await until(() => settled === 49);
  fail({ kind: 'status', status: 503 });
  const probing = await Promise.all(sent);
  assert.equal(upstream.callsFor('brk').length, opened + 1, 'one probe, not fifty');
  const refused = probing.filter((a) => a.status === 503 && a.body.error.code === 'circuit_open');
  assert.equal(refused.length, 49);
  for (const answer of refused) {
    const retryAfter = Number(answer.headers.get('retry-after'));
    assert.ok(answer.headers.get('retry-after') !== null && retryAfter >= 1, `Retry-After ${answer.headers.get('retry-after')}`);
  }
  assert.equal(probing.filter((a) => a.status === 503 && a.body.error.code !== 'circuit_open').length, 1, 'the probe itself got the upstream\'s 503');

  // The probe failed: open again for a whole cooldown, then a probe that succeeds closes it.
  assert.equal((await send('brk')).body.error.code, 'circuit_open');
  await sleep(COOLDOWN_MS + 100);
  let recover!: (fault: Fault) => void;
  brk = { kind: 'deferred', answer: new Promise((resolve) => (recover = resolve)) };
  const retried = Array.from({ length: 50 }, () => send('brk'));
  settled = 0;
  for (const answer of retried) void answer.then(() => settled++);
  await until(() => settled === 49);
  recover({ kind: 'ok' });
  const recovering = await Promise.all(retried);
  assert.equal(recovering.filter((a) => a.status === 200).length, 1);
  assert.equal(upstream.callsFor('brk').length, opened + 2);
  const closed = await storm(50, 'brk');
  assert.deepEqual(closed.map((a) => a.status), closed.map(() => 200));
});

test('half-open: a probe whose stream has started closes the breaker, so others are served while that long answer still runs', async () => {
  brkStream = { kind: 'status', status: 500 };
  await send('brk-stream');
  await send('brk-stream');
  assert.equal((await send('brk-stream')).body.error.code, 'circuit_open');
  await sleep(COOLDOWN_MS + 100);

  // The probe streams five frames 400 ms apart: about two seconds in all.
  brkStream = { kind: 'ok', frameMs: 400 };
  const probe = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'brk-stream', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(probe.status, 200);
  const reader = probe.body!.getReader();
  await reader.read();
  const others = await storm(20, 'brk-stream');
  assert.deepEqual(others.map((a) => a.status), others.map(() => 200), 'served while the probe\'s stream runs');
  let text = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += Buffer.from(chunk.value).toString();
  assert.match(text, /\[DONE\]/);
});

test('half-open: a request sent before the breaker opened, ending while the probe is out, does not let a second probe through', async () => {
  // Sent while the breaker is closed; its upstream never answers.
  const stale = http.request(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  stale.on('error', () => {});
  stale.end(JSON.stringify({ model: 'pr-hang', messages: [{ role: 'user', content: 'hi' }] }));
  await until(() => upstream.callsFor('pr-hang').length >= 1);
  await send('pr-fail');
  await send('pr-fail');
  assert.equal((await send('pr-fail')).body.error.code, 'circuit_open');
  await sleep(COOLDOWN_MS + 100);

  let answerProbe!: (fault: Fault) => void;
  prProbe = { kind: 'deferred', answer: new Promise((resolve) => (answerProbe = resolve)) };
  const probe = send('pr-probe');
  await until(() => upstream.callsFor('pr-probe').length >= 1);
  // The stale request's client leaves: its attempt ends saying nothing about the upstream.
  stale.destroy();
  for (let i = 0; i < 100 && !(await loggedRequests()).some((r) => r.model === 'pr-hang' && r.status === 499); i++) await sleep(20);
  const during = await storm(20, 'pr-fail');
  assert.equal(upstream.callsFor('pr-fail').length, 2, 'no second probe while the first is out');
  assert.deepEqual(during.map((a) => a.body.error.code), during.map(() => 'circuit_open'));
  answerProbe({ kind: 'status', status: 500 });
  assert.equal((await probe).status, 500);
});
