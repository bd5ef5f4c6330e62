// Routing's control surface through a real `switchyard serve` process: profiles switched at run time
// and kept across a restart, runtime route edits, hot reload of the config file (a bad edit keeps the
// running config), and conditional rules picking the route.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { startFaultyUpstream, type FaultyUpstream } from './fakes/faulty-upstream';
import { spawnGateway, tempDir, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-routing-admin';
let upstream: FaultyUpstream;
let gateway: SpawnedGateway;
const dataDir = tempDir('routing-admin');

function config(overrides: Record<string, unknown> = {}) {
  const base = `${upstream.url}/v1`;
  return {
    adminToken: ADMIN,
    providers: [
      { id: 'alpha', kind: 'openai', baseUrl: base, apiKey: 'k-alpha', prices: { big: { input: 5, output: 15 }, small: { input: 0.1, output: 0.4 } } },
      { id: 'beta', kind: 'openai', baseUrl: base, apiKey: 'k-beta', prices: { mid: { input: 1, output: 2 } } },
    ],
    routes: [
      { name: 'smart', strategy: 'fallback', targets: ['alpha/big', 'beta/mid'] },
      { name: 'thrifty', strategy: 'cheapest', targets: ['alpha/big', 'beta/mid', 'alpha/small'] },
      { name: 'vision', targets: ['alpha/vision-model'] },
      { name: 'tooling', targets: ['beta/tool-model'] },
      { name: 'quick', strategy: 'fastest', targets: ['alpha/slowpoke', 'beta/speedy'] },
    ],
    routing: { exploration: 0 },
    profiles: [
      { name: 'cheap', routes: { smart: { strategy: 'fallback', targets: ['alpha/small'] } } },
      { name: 'local-only', routes: { smart: { targets: ['beta/local'] } } },
    ],
    clients: [
      { name: 'ci', key: 'sy-ci-0123456789' },
      { name: 'bot', key: 'sy-bot-0123456789' },
    ],
    rules: [
      { when: { header: { name: 'x-route', value: 'vision' } }, route: 'vision' },
      { when: { hasImages: true }, route: 'vision' },
      { when: { model: 'smart', hasTools: true }, route: 'tooling' },
      { when: { client: 'bot', model: 'smart' }, target: 'beta/bot-model' },
      { when: { model: 'smart', minPromptTokens: 2000 }, target: 'beta/long-context' },
    ],
    ...overrides,
  };
}

before(async () => {
  upstream = await startFaultyUpstream((req) => (req.model === 'slowpoke' ? { kind: 'slow-first-byte', ms: 150 } : { kind: 'ok' }));
  gateway = await spawnGateway(config(), { dataDir });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function admin(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gateway.url}${path}`, {
    method: init.method ?? 'GET',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
  });
  return { status: res.status, body: await res.json() };
}

async function targetOf(body: Record<string, unknown>, headers: Record<string, string> = {}, key = 'sy-ci-0123456789'): Promise<string | null> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  await res.arrayBuffer();
  return res.headers.get('x-switchyard-target');
}

const ruleRows: Array<{ name: string; body: Record<string, unknown>; headers: Record<string, string>; key: string | undefined; expected: string }> = [
  { name: 'no rule matches: the route as asked', body: { model: 'smart' }, headers: {}, key: undefined, expected: 'alpha/big' },
  { name: 'a request header picks a route', body: { model: 'smart' }, headers: { 'x-route': 'vision' }, key: undefined, expected: 'alpha/vision-model' },
  {
    name: 'an image in the request picks the vision route',
    body: { model: 'smart', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] },
    headers: {}, key: undefined, expected: 'alpha/vision-model',
  },
  { name: 'tools in the request pick the tool route', body: { model: 'smart', tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }, headers: {}, key: undefined, expected: 'beta/tool-model' },
  { name: 'the calling client picks a target', body: { model: 'smart' }, headers: {}, key: 'sy-bot-0123456789', expected: 'beta/bot-model' },
  { name: 'a long prompt (estimated tokens) picks a target', body: { model: 'smart', messages: [{ role: 'user', content: 'x'.repeat(10_000) }] }, headers: {}, key: undefined, expected: 'beta/long-context' },
  { name: 'rules with a model pattern leave other models alone', body: { model: 'thrifty', tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }, headers: {}, key: undefined, expected: 'alpha/small' },
];
for (const row of ruleRows) {
  test(`rules: ${row.name}`, async () => {
    assert.equal(await targetOf(row.body, row.headers, row.key), row.expected);
  });
}

test('cheapest picks the target with the lowest estimated cost from the price table', async () => {
  assert.equal(await targetOf({ model: 'thrifty' }), 'alpha/small');
});

test('fastest measures each target once, then prefers the faster one', async () => {
  const targets = [];
  for (let i = 0; i < 4; i++) targets.push(await targetOf({ model: 'quick' }));
  assert.deepEqual(targets, ['alpha/slowpoke', 'beta/speedy', 'beta/speedy', 'beta/speedy']);
});

test('GET /api/routes shows the effective routes; PUT edits one from the next request; DELETE reverts', async () => {
  const { body } = await admin('/api/routes');
  const smart = body.routes.find((r: any) => r.name === 'smart');
  assert.deepEqual(smart.targets, [{ target: 'alpha/big', weight: 1 }, { target: 'beta/mid', weight: 1 }]);
  assert.equal(smart.strategy, 'fallback');
  assert.equal(smart.source, 'config');

  const bad = await admin('/api/routes/smart', { method: 'PUT', body: { strategy: 'fallback', targets: ['nowhere/x'] } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /targets\[0\].*unknown provider "nowhere"/);
  const badStrategy = await admin('/api/routes/smart', { method: 'PUT', body: { strategy: 'random', targets: ['beta/mid'] } });
  assert.equal(badStrategy.status, 400);
  assert.match(badStrategy.body.error.message, /^strategy:/);

  const put = await admin('/api/routes/smart', { method: 'PUT', body: { strategy: 'weighted', targets: [{ target: 'beta/edited', weight: 2 }] } });
  assert.equal(put.status, 200);
  assert.deepEqual(put.body.targets, [{ target: 'beta/edited', weight: 2 }]);
  assert.equal(put.body.source, 'override');
  assert.equal(await targetOf({ model: 'smart' }), 'beta/edited');

  const removed = await admin('/api/routes/smart', { method: 'DELETE' });
  assert.equal(removed.status, 200);
  assert.equal(removed.body.source, 'config');
  assert.equal(await targetOf({ model: 'smart' }), 'alpha/big');
  assert.equal((await admin('/api/routes/smart', { method: 'DELETE' })).status, 404);
});

test('route names that every object inherits are names: "__proto__" can be edited, "constructor" has no edit to remove', async () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.equal((await admin(`/api/routes/${name}`, { method: 'DELETE' })).status, 404, name);
  }
  const put = await admin('/api/routes/__proto__', { method: 'PUT', body: { targets: ['beta/proto-model'] } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.name, '__proto__');
  assert.ok((await admin('/api/routes')).body.routes.some((r: any) => r.name === '__proto__' && r.source === 'override'));
  assert.equal(await targetOf({ model: '__proto__' }), 'beta/proto-model');
  assert.equal((await admin('/api/routes/__proto__', { method: 'DELETE' })).status, 200);
  assert.equal((await admin('/api/routes/__proto__', { method: 'DELETE' })).status, 404);
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
});

test('hot reload: a valid edit applies from the next request; an invalid one keeps the running config and says why', async () => {
  const status0 = (await admin('/api/config/status')).body;
  assert.equal(status0.path, gateway.configPath);
  assert.equal(status0.lastError, null);

  const edited = config();
  (edited.routes[0] as any).targets = ['beta/reloaded'];
  writeFileSync(gateway.configPath, JSON.stringify(edited));
  await waitFor(async () => (await targetOf({ model: 'smart' })) === 'beta/reloaded', 'the edit to be applied');
  const status1 = (await admin('/api/config/status')).body;
  assert.ok(status1.loadedAt > status0.loadedAt);
  assert.equal(status1.lastError, null);

  writeFileSync(gateway.configPath, JSON.stringify({ ...edited, routes: [{ name: 'smart', strategy: 'sometimes', targets: ['beta/x'] }] }));
  await waitFor(async () => (await admin('/api/config/status')).body.lastError !== null, 'the bad edit to be reported');
  const status2 = (await admin('/api/config/status')).body;
  assert.match(status2.lastError.message, /routes\[0\]\.strategy/);
  assert.ok(status2.lastError.message.includes(gateway.configPath));
  assert.equal(status2.loadedAt, status1.loadedAt);
  assert.equal(await targetOf({ model: 'smart' }), 'beta/reloaded', 'the running config is kept');

  writeFileSync(gateway.configPath, '{ "providers": [');
  await waitFor(async () => /not valid JSON/.test((await admin('/api/config/status')).body.lastError?.message ?? ''), 'broken JSON to be reported');

  // An editor that saves by writing a new file and renaming it over the old one.
  const fixed = config();
  (fixed.routes[0] as any).targets = ['beta/renamed'];
  const tmp = `${gateway.configPath}.tmp`;
  writeFileSync(tmp, JSON.stringify(fixed));
  renameSync(tmp, gateway.configPath);
  await waitFor(async () => (await targetOf({ model: 'smart' })) === 'beta/renamed', 'the renamed file to be applied');
  assert.equal((await admin('/api/config/status')).body.lastError, null);
  writeFileSync(gateway.configPath, JSON.stringify(config()));
  await waitFor(async () => (await targetOf({ model: 'smart' })) === 'alpha/big', 'the original config to be back');
});

test('profiles: switched at run time from the next request, and kept (with route edits) across a restart', async () => {
  assert.deepEqual((await admin('/api/profile')).body, { active: null, profiles: ['cheap', 'local-only'] });
  assert.equal((await admin('/api/profile', { method: 'PUT', body: { name: 'nope' } })).status, 404);
  const put = await admin('/api/profile', { method: 'PUT', body: { name: 'cheap' } });
  assert.equal(put.body.active, 'cheap');
  assert.equal(await targetOf({ model: 'smart' }), 'alpha/small');
  const routes = (await admin('/api/routes')).body;
  assert.equal(routes.active, 'cheap');
  assert.equal(routes.routes.find((r: any) => r.name === 'smart').source, 'profile');
  assert.equal((await admin('/api/routes/tooling', { method: 'PUT', body: { targets: ['alpha/edited-tools'] } })).status, 200);

  assert.equal(await gateway.stop(), 0);
  gateway = await spawnGateway(config(), { dataDir });
  assert.deepEqual((await admin('/api/profile')).body, { active: 'cheap', profiles: ['cheap', 'local-only'] });
  assert.equal(await targetOf({ model: 'smart' }), 'alpha/small');
  assert.equal(await targetOf({ model: 'smart', tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }), 'alpha/edited-tools', 'the route edit survived the restart');

  await admin('/api/profile', { method: 'PUT', body: { name: 'local-only' } });
  assert.equal(await targetOf({ model: 'smart' }), 'beta/local');
  await admin('/api/profile', { method: 'PUT', body: { name: null } });
  assert.equal(await targetOf({ model: 'smart' }), 'alpha/big');
});

test('admin routing endpoints need the admin token', async () => {
  for (const path of ['/api/breakers', '/api/routes', '/api/config/status']) {
    assert.equal((await fetch(`${gateway.url}${path}`)).status, 401, path);
  }
  const { body } = await admin('/api/breakers');
  assert.deepEqual(body.breakers.map((b: any) => [b.account, b.provider, b.state]), [['alpha#1', 'alpha', 'closed'], ['beta#1', 'beta', 'closed']]);
});

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
