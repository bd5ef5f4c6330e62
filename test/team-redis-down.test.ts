// Team mode while Redis is unreachable: budgets and rate limits fail closed by default (503 in the
// client's own error format, nothing sent upstream), or open with `redisFailure: "open"`; requests
// that need no shared check are unaffected, and the gateway recovers when Redis returns.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendInFormat, type ClientFormat } from './helpers/send-in-format';
import { startRedis } from './helpers/start-services';
import { REPO_ROOT, freePort, spawnGateway, tempDir, type SpawnedGateway } from './helpers/spawn-gateway';

const BUDGET_KEY = 'sy-down-budget-0123456789';
const RATE_KEY = 'sy-down-rate-0123456789';
const FREE_KEY = 'sy-down-free-0123456789';

let upstream: FakeOpenAI;

before(async () => {
  upstream = await startFakeOpenAI({ usage: { prompt: 5, completion: 5 } });
});

after(async () => {
  await upstream?.close();
});

const config = (extra: Record<string, unknown> = {}) => ({
  adminToken: 'admin-token-redis-down',
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } }],
  clients: [
    { name: 'budgeted', key: BUDGET_KEY, budget: { usd: 10, period: 'day' } },
    { name: 'limited', key: RATE_KEY, rateLimit: { rpm: 100 } },
    { name: 'free', key: FREE_KEY },
  ],
  ...extra,
});

const send = (gateway: SpawnedGateway, key: string, format?: ClientFormat) => sendInFormat(gateway.url, key, format);

test('fail closed (default): budgeted and rate-limited requests get 503 in their own format until Redis is back', async () => {
  const redis = await startRedis();
  const gateway = await spawnGateway(config(), { extraArgs: ['--redis', redis.url] });
  try {
    assert.equal((await send(gateway, BUDGET_KEY)).status, 200, 'works while Redis is up');
    await redis.stop();

    const upstreamBefore = upstream.requests.length;
    const cases: Array<{ name: string; key: string; format: ClientFormat; check: (body: any) => void }> = [
      { name: 'budget, OpenAI', key: BUDGET_KEY, format: 'openai', check: (b) => assert.deepEqual([b.error.type, b.error.code], ['api_error', 'spend_store_unavailable']) },
      { name: 'budget, Anthropic', key: BUDGET_KEY, format: 'anthropic', check: (b) => assert.deepEqual([b.type, b.error.type], ['error', 'overloaded_error']) },
      { name: 'budget, Gemini', key: BUDGET_KEY, format: 'gemini', check: (b) => assert.deepEqual([b.error.code, b.error.status], [503, 'UNAVAILABLE']) },
      { name: 'rate limit, OpenAI', key: RATE_KEY, format: 'openai', check: (b) => assert.match(b.error.message, /rate limit store \(Redis\) is unreachable/) },
    ];
    for (const c of cases) {
      const res = await send(gateway, c.key, c.format);
      assert.equal(res.status, 503, `${c.name}: ${JSON.stringify(res.body)}`);
      c.check(res.body);
    }
    assert.equal(upstream.requests.length, upstreamBefore, 'nothing reached the upstream unchecked');
    assert.equal((await send(gateway, FREE_KEY)).status, 200, 'a key with no budget or rate limit needs no Redis');

    await redis.start();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && (status = (await send(gateway, BUDGET_KEY)).status) !== 200) await new Promise((r) => setTimeout(r, 200));
    assert.equal(status, 200, 'recovers once Redis is back');
    assert.equal((await send(gateway, RATE_KEY)).status, 200);
  } finally {
    await gateway.stop();
    await redis.stop();
  }
});

test('fail open: with redisFailure "open" requests run unchecked while Redis is unreachable, and the log says so', async () => {
  // Nothing listens on this port: the gateway starts anyway.
  const port = await freePort();
  const gateway = await spawnGateway(config({ redisFailure: 'open' }), { extraArgs: ['--redis', `redis://127.0.0.1:${port}`] });
  try {
    assert.equal((await send(gateway, BUDGET_KEY)).status, 200);
    assert.equal((await send(gateway, RATE_KEY, 'anthropic')).status, 200);
    assert.equal((await send(gateway, FREE_KEY, 'gemini')).status, 200);
    assert.match(gateway.output(), /budgets not enforced \(redisFailure: open\)/);
  } finally {
    await gateway.stop();
  }
});

test('a bad --redis URL is a clear start-up error', async () => {
  const configPath = `${tempDir('redis-bad')}/switchyard.json`;
  writeFileSync(configPath, JSON.stringify(config()));
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.js'), 'serve', '--config', configPath, '--data-dir', tempDir('redis-bad-data'), '--port', '0', '--redis', 'http://127.0.0.1:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /--redis: redis: must be a redis:\/\/ or rediss:\/\/ URL/);
});
