// Team mode while Postgres is down, as clients and operators see it: a budget that must be read from
// the request log is refused with a 503 in the client's own format (never a 500), budgets already
// loaded go on being enforced, the admin API answers 503 in its own shape, and everything serves
// again as soon as Postgres is back. Down at start-up, the gateway does not start and says why.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { REPO_ROOT, spawnGateway, tempDir, type SpawnedGateway } from './helpers/spawn-gateway';
import { sendInFormat, type ClientFormat } from './helpers/send-in-format';
import { startTeamServices, type TeamServices } from './helpers/team-services';

const ADMIN = 'admin-token-postgres-down';
const FRESH_KEY = 'sy-pgdown-fresh-0123456789';
const WARM_KEY = 'sy-pgdown-warm-0123456789';
const FREE_KEY = 'sy-pgdown-free-0123456789';
// $1000 per 1M tokens and 5 + 5 tokens a request: each answered request costs $0.01.
const PRICE = { input: 1000, output: 1000 };

let team: TeamServices;

before(async () => {
  team = await startTeamServices();
});

after(() => team?.stop());

/** Each test has its own clients: spend one test logged must not count against another's budgets. */
const config = (suffix: string) => ({
  adminToken: ADMIN,
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${team.upstream.url}/v1`, prices: { m: PRICE } }],
  clients: [
    // Room for four requests: admitted while less than the limit is spent.
    { name: `warm${suffix}`, key: WARM_KEY + suffix, budget: { usd: 0.035, period: 'day' } },
    { name: `fresh${suffix}`, key: FRESH_KEY + suffix, budget: { usd: 5, period: 'day' } },
    { name: `free${suffix}`, key: FREE_KEY + suffix },
  ],
});

const send = (gateway: SpawnedGateway, key: string, format?: ClientFormat) => sendInFormat(gateway.url, key, format);

for (const ledger of ['Redis', 'in-process'] as const) {
  test(`budgets while Postgres is down (${ledger} ledger): unloaded → 503 in the client's format, loaded → still enforced`, async () => {
    const suffix = ledger === 'Redis' ? '-redis' : '-memory';
    const [warmKey, freshKey, freeKey] = [WARM_KEY + suffix, FRESH_KEY + suffix, FREE_KEY + suffix];
    const gateway = await spawnGateway(config(suffix), { extraArgs: ['--database', team.postgres.url, ...(ledger === 'Redis' ? ['--redis', team.redis.url] : [])] });
    try {
      assert.equal((await send(gateway, warmKey)).status, 200, 'loads the warm budget window while Postgres is up');
      await team.postgres.stop();

      const upstreamBefore = team.upstream.requests.length;
      const openai = new OpenAI({ apiKey: freshKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      const refused = await openai.chat.completions.create({ model: 'alpha/m', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }).then(
        () => assert.fail('admitted without its budget'),
        (err: unknown) => err,
      );
      assert.ok(refused instanceof OpenAI.APIError, String(refused));
      assert.deepEqual([refused.status, refused.code, refused.type], [503, 'spend_store_unavailable', 'api_error']);
      assert.match(refused.message, /spend log \(Postgres\) is unreachable, so this request cannot be checked against its budget/);
      assert.equal(refused.headers?.get('retry-after'), '5');
      const anthropic = await send(gateway, freshKey, 'anthropic');
      assert.equal(anthropic.status, 503);
      assert.deepEqual([anthropic.body.type, anthropic.body.error.type], ['error', 'overloaded_error']);
      const gemini = await send(gateway, freshKey, 'gemini');
      assert.deepEqual([gemini.status, gemini.body.error.code, gemini.body.error.status], [503, 503, 'UNAVAILABLE']);
      assert.equal(team.upstream.requests.length, upstreamBefore, 'nothing reached the upstream unchecked');

      // The warm window is held in Redis or in the process: $0.01 spent, three more fit, then 402.
      const warm = [];
      for (let i = 0; i < 5; i++) warm.push((await send(gateway, warmKey)).status);
      assert.deepEqual(warm, [200, 200, 200, 402, 402], 'the loaded budget is still enforced');
      assert.equal((await send(gateway, freeKey)).status, 200, 'a key without a budget needs no log read');
      assert.doesNotMatch(gateway.output(), /request failed inside the gateway/);

      await team.postgres.start();
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline && (status = (await send(gateway, freshKey)).status) !== 200) await new Promise((r) => setTimeout(r, 200));
      assert.equal(status, 200, 'serves the budget again once Postgres is back');
    } finally {
      await gateway.stop();
      await team.postgres.start();
    }
  });
}

test('the admin API while Postgres is down: 503 in its own error shape at once, and answers again once Postgres is back', async () => {
  const gateway = await spawnGateway(config('-admin'), { extraArgs: ['--database', team.postgres.url, '--redis', team.redis.url] });
  const admin = async (path: string, init: RequestInit = {}) => {
    const started = Date.now();
    const res = await fetch(`${gateway.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), ms: Date.now() - started };
  };
  const calls: Array<[string, RequestInit?]> = [
    ['/api/requests?limit=5'],
    ['/api/spend?by=client'],
    ['/api/clients'],
    ['/api/clients', { method: 'POST', body: JSON.stringify({ name: 'made-during-outage' }) }],
    ['/api/profile', { method: 'PUT', body: JSON.stringify({ name: null }) }],
  ];
  try {
    await team.postgres.stop();
    for (const [path, init] of calls) {
      const res = await admin(path, init);
      const what = `${init?.method ?? 'GET'} ${path}`;
      assert.equal(res.status, 503, `${what}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body, { error: { message: 'the database is unreachable; try again shortly', type: 'api_error', code: 'store_unavailable' } }, what);
      assert.equal(res.retryAfter, '5', what);
      assert.ok(res.ms < 5000, `${what} answered in ${res.ms} ms`);
    }
    assert.doesNotMatch(gateway.output(), /"msg":"admin request failed","err":\{/, 'logged as an outage, not as an internal error');

    await team.postgres.start();
    const created = await admin('/api/clients', { method: 'POST', body: JSON.stringify({ name: 'made-after-outage' }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await admin('/api/requests?limit=5')).status, 200);
  } finally {
    await gateway.stop();
    await team.postgres.start();
  }
});

test('Postgres down at start-up: exit 1 with a message naming the database (password hidden) and the reason', async () => {
  await team.postgres.stop();
  try {
    const configPath = join(tempDir('pgdown-start'), 'switchyard.json');
    writeFileSync(configPath, JSON.stringify(config('-start')));
    const url = team.postgres.url.replace('switchyard@', 'switchyard:s3cret-password@');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.js'), 'serve', '--config', configPath, '--data-dir', tempDir('pgdown-start-data'), '--port', '0', '--database', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /^switchyard: cannot start: cannot open the database postgres:\/\/switchyard:\*\*\*@127\.0\.0\.1:\d+\/switchyard: connect ECONNREFUSED/m);
    assert.doesNotMatch(stderr, /s3cret-password|\n\s+at /, 'no password, no stack');
  } finally {
    await team.postgres.start();
  }
});

test('/metrics while Postgres is down: still 200 with the request metrics; a budget that cannot be read is left out', async () => {
  // Started and scraped for the first time while Postgres is down: no budget window is loaded.
  const gateway = await spawnGateway(config('-metrics'), { extraArgs: ['--database', team.postgres.url] });
  try {
    assert.equal((await send(gateway, FREE_KEY + '-metrics')).status, 200);
    await team.postgres.stop();
    const res = await fetch(`${gateway.url}/metrics`, { signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /^switchyard_requests_total\{format="openai-chat",target="alpha\/m",client="free-metrics",status="2xx"\} 1$/m);
    assert.doesNotMatch(text, /switchyard_budget_remaining_usd\{scope="client",name="fresh-metrics"/);

    await team.postgres.start();
    const after = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.match(after, /^switchyard_budget_remaining_usd\{scope="client",name="fresh-metrics",period="day"\} 5$/m, 'back once its spend can be read');
  } finally {
    await gateway.stop();
    await team.postgres.start();
  }
});
