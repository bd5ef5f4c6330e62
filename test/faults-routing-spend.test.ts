// Routing and spend under faults, through a real `switchyard serve` process: key pools whose keys
// are refused or rate limited, open breakers, budgets and rate limits of gateway keys while upstreams
// fail, and every failure in the client's own API shape.

import { test, before, after } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { startFakeAnthropic, type FakeAnthropic } from './fakes/fake-anthropic';
import { startFakeGemini, type FakeGemini } from './fakes/fake-gemini';
import { startFaultyUpstream, type Fault, type FaultRequest, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { findLoggedRequest } from './helpers/find-logged-request';
import { startRedis } from './helpers/start-services';

const ADMIN = 'admin-token-faults-routing-spend';
const BUDGETED_KEY = 'sy-budgeted-0123456789';
const BROKE_KEY = 'sy-broke-0123456789';
// An rpm of 2 and no money: every request is refused for its budget, until a reload raises it.
const BROKE_CLIENT = { name: 'broke', key: BROKE_KEY, rateLimit: { rpm: 2 }, budget: { usd: 0, period: 'day' } };
let upstream: FaultyUpstream;
let google: FakeGemini;
let claude: FakeAnthropic;
let gateway: SpawnedGateway;
// An HTTP date has whole seconds: 10 s ahead leaves a 9–10 s cooldown, longer than the test takes on a slow machine.
const HTTP_DATE_SOON = () => new Date(Date.now() + 10_000).toUTCString();

function decide(req: FaultRequest): Fault {
  if (req.key === 'bad-key') return { kind: 'status', status: 401 };
  if (req.key === 'spent-key') return { kind: 'status', status: 429, type: 'insufficient_quota', code: 'insufficient_quota' };
  if (req.model === 'limited-date') return { kind: 'status', status: 429, retryAfter: HTTP_DATE_SOON() };
  if (req.model === 'down') return { kind: 'status', status: 500 };
  if (req.model === 'hang') return { kind: 'hang' };
  return { kind: 'ok' };
}

before(async () => {
  upstream = await startFaultyUpstream(decide);
  google = await startFakeGemini({ apiKey: 'good-gemini-key' });
  claude = await startFakeAnthropic({ apiKey: 'good-anthropic-key' });
  const base = `${upstream.url}/v1`;
  const gemini = (id: string, keys: string[]) => ({ id, kind: 'gemini', baseUrl: `${google.url}/v1beta`, apiKey: keys[0], apiKeys: keys.slice(1) });
  const provider = (id: string, keys: string[]) => ({ id, kind: 'openai', baseUrl: base, apiKey: keys[0], apiKeys: keys.slice(1), timeoutMs: 600, prices: { ok: { input: 1, output: 1 }, down: { input: 1, output: 1 } } });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [...WIRES.flatMap((wire) => [gemini(`gk-${wire}`, ['bad-gemini-key', 'good-gemini-key']), gemini(`gb-${wire}`, ['bad-gemini-key'])]), provider('rot', ['bad-key']), provider('lim', ['k-lim']), provider('down-a', ['k-da']), provider('down-b', ['k-db']), provider('down-c', ['k-dc']), provider('up', ['k-up']), provider('quota', ['spent-key', 'k-fresh']), provider('quota-only', ['spent-key']), gemini('cg', ['bad-gemini-key', 'good-gemini-key']), { id: 'ca', kind: 'anthropic', baseUrl: `${claude.url}/v1`, apiKey: 'bad-anthropic-key', apiKeys: ['good-anthropic-key'] }],
    routes: [
      { name: 'all-down', targets: ['down-a/down', 'down-b/down'] },
      { name: 'fail-then-ok', targets: ['down-c/down', 'up/ok'] },
    ],
    clients: [{ name: 'budgeted', key: BUDGETED_KEY, budget: { usd: 10, period: 'day' } }, BROKE_CLIENT],
    routing: { maxAttempts: 5, deadlineMs: 5_000, retryAfterCapMs: 500, breaker: { failures: 2, cooldownMs: 60_000 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
  await google?.close();
  await claude?.close();
});

async function admin(path: string, init?: RequestInit, to: SpawnedGateway = gateway): Promise<any> {
  const res = await fetch(`${to.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
  return res.json();
}

/** Edits the running gateway's config file and waits until it has loaded the edit. */
async function reloadConfig(to: SpawnedGateway, edit: (config: any) => void): Promise<void> {
  const config = JSON.parse(readFileSync(to.configPath, 'utf8'));
  edit(config);
  const reloaded = (await admin('/api/config/status', undefined, to)).loadedAt;
  writeFileSync(to.configPath, JSON.stringify(config));
  await waitFor(async () => (await admin('/api/config/status', undefined, to)).loadedAt !== reloaded, 'the edited config to load');
}

const logged = (id: string) => findLoggedRequest(gateway.url, ADMIN, (row) => row.id === id);

type Wire = 'chat' | 'responses' | 'anthropic' | 'gemini';
async function call(wire: Wire, model: string, key = BUDGETED_KEY, to: SpawnedGateway = gateway) {
  const paths: Record<Wire, [string, unknown]> = {
    chat: ['/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 10 }],
    responses: ['/v1/responses', { model, input: 'hi', max_output_tokens: 10 }],
    anthropic: ['/v1/messages', { model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }],
    gemini: [`/v1beta/models/${model}:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { maxOutputTokens: 10 } }],
  };
  const [path, body] = paths[wire];
  const res = await fetch(`${to.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() as any, retryAfter: res.headers.get('retry-after'), id: res.headers.get('x-switchyard-request-id')! };
}

const WIRES: Wire[] = ['chat', 'responses', 'anthropic', 'gemini'];

test('a refused key replaced by a config reload is used at once, although its breaker had opened', async () => {
  const answers = [await call('chat', 'rot/ok'), await call('chat', 'rot/ok')];
  assert.deepEqual(answers.map((a) => [a.status, a.body.error?.code, a.retryAfter]), [[502, 'upstream_key_refused', null], [502, 'upstream_key_refused', null]], 'the second is refused without asking the provider again');
  await reloadConfig(gateway, (config) => {
    config.providers.find((p: { id: string }) => p.id === 'rot').apiKey = 'good-key';
  });
  const answer = await call('chat', 'rot/ok');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(upstream.callsFor('ok').filter((c) => c.key.endsWith('-key')).map((c) => c.key), ['bad-key', 'good-key']);
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

test('Google refusing a key (400 API_KEY_INVALID) moves to the next key; with none left the client gets 502, never a 401', async () => {
  for (const wire of WIRES) {
    const answered = await call(wire, `gk-${wire}/gemini-2.5-flash`);
    assert.equal(answered.status, 200, `${wire}: ${JSON.stringify(answered.body)}`);
    assert.deepEqual((await logged(answered.id)).attempts.map((a) => a.status), [400, 200], `${wire}: the refused key (Google's own 400), then the next`);
    const refused = await call(wire, `gb-${wire}/gemini-2.5-flash`);
    assert.equal(refused.status, 502, `${wire}: ${JSON.stringify(refused.body)}`);
    assert.match(JSON.stringify(refused.body), /refused the key Switchyard holds/, wire);
  }
});

test('a key rate limited with an HTTP-date Retry-After: every client format gets a whole-second Retry-After', async () => {
  for (const wire of WIRES) {
    for (let i = 0; i < 2; i++) {
      const answer = await call(wire, 'lim/limited-date');
      assert.equal(answer.status, 429, `${wire}: ${JSON.stringify(answer.body)}`);
      assert.match(answer.retryAfter ?? '', /^[1-9]\d*$/, `${wire}: Retry-After ${answer.retryAfter}`);
    }
  }
  assert.equal(upstream.callsFor('limited-date').length, 1, 'the cooling key is not asked again');
});

test('an OpenAI key out of credit (429 insufficient_quota) is a refused key: the next key answers, and with none left the client gets 502, not a rate limit', async () => {
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await call('chat', 'quota/ok'));
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200], JSON.stringify(answers.map((a) => a.body)));
  const attempts = await Promise.all(answers.map(async (a) => (await logged(a.id)).attempts.map((t) => t.status)));
  assert.ok(attempts.some((statuses) => statuses.join() === '429,200'), `the spent key was tried, then the next: ${JSON.stringify(attempts)}`);
  const refused = await call('chat', 'quota-only/ok');
  assert.equal(refused.status, 502, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'upstream_key_refused');
  assert.equal(refused.retryAfter, null, 'no Retry-After: waiting will not top the account up');
});

test('budgets under failover: a request no target answered holds nothing afterwards; one that failed over is charged once', async () => {
  const budget = async () => (await admin('/api/summary')).budgets.find((b: { name: string }) => b.name === 'budgeted');
  const before = await budget();
  const failed = await call('chat', 'all-down');
  assert.equal(failed.status, 500);
  assert.deepEqual((await logged(failed.id)).attempts.map((a) => a.target), ['down-a/down', 'down-b/down']);
  const answered = await call('anthropic', 'fail-then-ok');
  assert.equal(answered.status, 200);
  const cost = (await logged(answered.id)).costUsd ?? NaN;
  assert.ok(cost > 0);
  await waitFor(async () => (await budget()).spentUsd > before.spentUsd, 'the answer to be settled');
  const after = await budget();
  assert.equal(after.reservedUsd, 0, 'no hold is left behind');
  assert.ok(Math.abs(after.spentUsd - before.spentUsd - cost) < 1e-9, `charged ${after.spentUsd - before.spentUsd}, cost ${cost}`);
});

test('team mode: Redis lost while a budgeted request is in flight, the failed request\'s release does not take the gateway down', async () => {
  const redis = await startRedis();
  const key = 'sy-team-budgeted-0123456789';
  const team = await spawnGateway({
    providers: [{ id: 'rh', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'k-rh', timeoutMs: 800, prices: { hang: { input: 1, output: 1 } } }],
    clients: [{ name: 'team', key, budget: { usd: 10, period: 'day' } }],
  }, { extraArgs: ['--redis', redis.url] });
  try {
    const pending = fetch(`${team.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'rh/hang', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }) });
    await waitFor(async () => upstream.callsFor('hang').some((c) => c.key === 'k-rh'), 'the request to reach the upstream');
    await redis.stop();
    assert.equal((await pending).status, 504);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(team.child.exitCode, null, `the gateway exited: ${team.output().slice(-2000)}`);
    assert.equal((await fetch(`${team.url}/health`)).status, 200);
  } finally {
    await team.stop();
    await redis.stop();
  }
});

async function countTokens(model: string) {
  const res = await fetch(`${gateway.url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': BUDGETED_KEY }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
  return { status: res.status, body: await res.json() as any };
}

test('count_tokens takes its key from the pool as generation does: a refused first key is reported to its breaker and the next key counts', async () => {
  claude.countTokens = 321;
  google.countTokens = 123;
  for (const [model, provider, expected] of [['ca/claude-sonnet-4-5', 'ca', 321], ['cg/gemini-2.5-flash', 'cg', 123]] as const) {
    // The first count meets the refused key, whose breaker opens at once: the later counts never ask it.
    for (let i = 0; i < 3; i++) {
      const answer = await countTokens(model);
      assert.equal(answer.status, 200, `${model}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.input_tokens, expected, model);
    }
    const breaker = (await admin('/api/breakers')).breakers.find((b: { account: string }) => b.account === `${provider}#1`);
    assert.equal(breaker.state, 'open', `${model}: the refused key's breaker`);
  }
  const anthropicKeys = claude.requests.filter((r) => r.path === '/v1/messages/count_tokens').map((r) => r.headers['x-api-key']);
  assert.deepEqual(anthropicKeys, ['bad-anthropic-key', 'good-anthropic-key', 'good-anthropic-key', 'good-anthropic-key']);
  const geminiKeys = google.requests.filter((r) => r.action === 'countTokens').map((r) => r.headers['x-goog-api-key'] ?? r.query.get('key'));
  assert.deepEqual(geminiKeys, ['bad-gemini-key', 'good-gemini-key', 'good-gemini-key', 'good-gemini-key']);
});

/** rpm + 1 requests refused for their budget, then a budget raised by a reload: the minute's two slots are all still there. */
async function budgetRefusalsKeepTheRpm(to: SpawnedGateway): Promise<void> {
  const refused = [];
  for (let i = 0; i < 3; i++) refused.push(await call('chat', 'up/ok', BROKE_KEY, to));
  assert.deepEqual(refused.map((r) => [r.status, r.body.error?.code]), [[402, 'budget_exceeded'], [402, 'budget_exceeded'], [402, 'budget_exceeded']]);
  await reloadConfig(to, (config) => {
    config.clients.find((c: { name: string }) => c.name === 'broke').budget.usd = 10;
  });
  const after = [];
  for (let i = 0; i < 3; i++) after.push(await call('chat', 'up/ok', BROKE_KEY, to));
  assert.deepEqual(after.map((r) => r.status), [200, 200, 429], JSON.stringify(after.map((r) => r.body)));
  assert.equal(after[2]!.body.error.code, 'rate_limited');
}

test('requests refused for their budget do not use up the gateway key\'s requests per minute', async () => {
  await budgetRefusalsKeepTheRpm(gateway);
});

test('team mode: budget refusals do not use up the requests per minute counted in Redis either', async () => {
  const redis = await startRedis();
  const team = await spawnGateway({
    adminToken: ADMIN,
    providers: [{ id: 'up', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'k-up', prices: { ok: { input: 1, output: 1 } } }],
    clients: [BROKE_CLIENT],
  }, { extraArgs: ['--redis', redis.url] });
  try {
    await budgetRefusalsKeepTheRpm(team);
  } finally {
    await team.stop();
    await redis.stop();
  }
});
