// Team mode across a Redis restart under load (not just an outage: the new Redis is empty, without
// the budget windows, rate windows or cached Lua scripts). Requests never hang or fail with a 500;
// once Redis is back the gateway reconnects, runs its scripts again (EVALSHA's NOSCRIPT answered
// with EVAL), reloads budget windows from the request log, and enforces budgets and rate limits.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { sendInFormat } from './helpers/send-in-format';
import { startTeamServices, type TeamServices } from './helpers/team-services';

const SPENT_KEY = 'sy-restart-spent-0123456789';
const BUSY_KEY = 'sy-restart-busy-0123456789';
const LIMITED_KEY = 'sy-restart-limited-0123456789';
const FREE_KEY = 'sy-restart-free-0123456789';
const RPM = 3;

let team: TeamServices;

before(async () => {
  team = await startTeamServices();
});

after(() => team?.stop());

const config = () => ({
  adminToken: 'admin-token-redis-restart',
  // $1000 per 1M tokens and 5 + 5 tokens a request: each answered request costs $0.01.
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${team.upstream.url}/v1`, prices: { m: { input: 1000, output: 1000 } } }],
  clients: [
    // Admitted while less than the limit is spent: six requests, then 402.
    { name: 'spent', key: SPENT_KEY, budget: { usd: 0.055, period: 'day' } },
    { name: 'busy', key: BUSY_KEY, budget: { usd: 100, period: 'day' } },
    { name: 'limited', key: LIMITED_KEY, rateLimit: { rpm: RPM } },
    { name: 'free', key: FREE_KEY },
  ],
});

async function send(gateway: SpawnedGateway, key: string): Promise<{ status: number; code?: string }> {
  const res = await sendInFormat(gateway.url, key);
  return { status: res.status, code: res.status === 200 ? undefined : res.body.error?.code };
}

async function statuses(gateway: SpawnedGateway, key: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await send(gateway, key);
    out.push(res.code ? `${res.status} ${res.code}` : String(res.status));
  }
  return out;
}

test('Redis restarted under load: no hang and no 500; budgets and rate limits are enforced again from the empty Redis', async () => {
  const gateway = await spawnGateway(config(), { extraArgs: ['--database', team.postgres.url, '--redis', team.redis.url] });
  const seen = new Map<string, number>();
  let running = true;
  const client = async (key: string) => {
    while (running) {
      const res = await send(gateway, key);
      const label = `${key === FREE_KEY ? 'free' : 'busy'} ${res.status} ${res.code ?? ''}`.trim();
      seen.set(label, (seen.get(label) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  try {
    assert.deepEqual(await statuses(gateway, SPENT_KEY, 7), ['200', '200', '200', '200', '200', '200', '402 budget_exceeded']);
    assert.deepEqual(await statuses(gateway, LIMITED_KEY, RPM + 1), [...Array(RPM).fill('200'), '429 rate_limited']);

    const load = [client(FREE_KEY), client(BUSY_KEY)];
    await new Promise((r) => setTimeout(r, 300));
    await team.redis.stop();
    await new Promise((r) => setTimeout(r, 500));
    await team.redis.start();
    // Back within the reconnect back-off (at most 2 s).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await send(gateway, BUSY_KEY)).status !== 200) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await Promise.all(load);

    const labels = [...seen.keys()].sort();
    assert.ok(labels.every((l) => ['busy 200', 'busy 503 spend_store_unavailable', 'free 200'].includes(l)), JSON.stringify(Object.fromEntries(seen)));
    assert.ok((seen.get('free 200') ?? 0) > 0 && (seen.get('busy 200') ?? 0) > 0);

    // The new Redis has no windows: the spent budget is reloaded from the request log and still refuses…
    assert.deepEqual(await statuses(gateway, SPENT_KEY, 2), ['402 budget_exceeded', '402 budget_exceeded']);
    // …and the rate limit counts a fresh minute in it.
    assert.deepEqual(await statuses(gateway, LIMITED_KEY, RPM + 1), [...Array(RPM).fill('200'), '429 rate_limited']);
    assert.doesNotMatch(gateway.output(), /NOSCRIPT|request failed inside the gateway/);
  } finally {
    running = false;
    await gateway.stop();
  }
});
