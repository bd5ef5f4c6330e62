// Team mode while Postgres is away: requests are still served (the log is a side channel), the rows
// of those requests wait in a journal under the data dir, and they reach Postgres once it answers
// again — or at the next start, when the gateway was stopped (SIGTERM) or killed (kill -9) meanwhile.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { sendInFormat } from './helpers/send-in-format';
import { startTeamServices, type TeamServices } from './helpers/team-services';

const BUDGET_KEY = 'sy-outage-budget-0123456789';
const FREE_KEY = 'sy-outage-free-0123456789';

let team: TeamServices;

before(async () => {
  team = await startTeamServices();
});

after(() => team?.stop());

const config = () => ({
  adminToken: 'admin-token-postgres-outage',
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${team.upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } }],
  clients: [
    { name: 'budgeted', key: BUDGET_KEY, budget: { usd: 10, period: 'day' } },
    { name: 'free', key: FREE_KEY },
  ],
});

const startGateway = (dataDir?: string) => spawnGateway(config(), { dataDir, extraArgs: ['--database', team.postgres.url, '--redis', team.redis.url] });

const send = (gateway: SpawnedGateway, key: string) => sendInFormat(gateway.url, key);

/** Request ids among `ids` that Postgres does not hold. */
async function missingRows(ids: string[]): Promise<string[]> {
  const pool = new Pool({ connectionString: team.postgres.url });
  try {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM requests WHERE id = ANY($1)', [ids]);
    const stored = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !stored.has(id));
  } finally {
    await pool.end();
  }
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`${what} within ${timeoutMs} ms`);
}

/** The unlabelled switchyard_store_* gauges of one scrape. */
async function metrics(gateway: SpawnedGateway): Promise<Map<string, number>> {
  const text = await (await fetch(`${gateway.url}/metrics`, { signal: AbortSignal.timeout(15_000) })).text();
  return new Map([...text.matchAll(/^(switchyard_store_\w+) (\S+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('Postgres stopped under steady load: every request is served, its row reaches Postgres once it is back, and the log says so once', async () => {
  const gateway = await startGateway();
  const answered: string[] = [];
  const failures: string[] = [];
  let running = true;
  const client = async (key: string) => {
    while (running) {
      const res = await send(gateway, key);
      if (res.status === 200 && res.id) answered.push(res.id);
      else failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      await sleep(10);
    }
  };
  try {
    const load = [client(BUDGET_KEY), client(FREE_KEY), client(BUDGET_KEY)];
    await sleep(800);
    await team.postgres.stop();
    const servedBeforeOutage = answered.length;
    await sleep(2500);
    const servedDuringOutage = answered.length - servedBeforeOutage;
    const duringOutage = await metrics(gateway);
    await team.postgres.start();
    await sleep(1500);
    running = false;
    await Promise.all(load);

    assert.deepEqual(failures, [], 'no request failed because the log was away');
    assert.ok(servedDuringOutage > 20, `requests went on being served while Postgres was down (${servedDuringOutage})`);
    await eventually(async () => (await missingRows(answered)).length === 0, `all ${answered.length} answered requests in Postgres`);
    const log = gateway.output();
    // One report when the outage starts and one when it ends: not a line per request.
    assert.equal(log.match(/Postgres is unreachable; request rows are kept in .*postgres\.pending-rows/g)?.length, 1, log.slice(-3000));
    assert.match(log, /Postgres answers again: wrote \d+ rows kept in/);
    assert.doesNotMatch(log, /request log write failed/);
    // /metrics shows the outage while it lasts, and its end.
    assert.equal(duringOutage.get('switchyard_store_reachable'), 0);
    assert.ok(duringOutage.get('switchyard_store_pending_rows')! >= servedDuringOutage, `pending rows: ${duringOutage.get('switchyard_store_pending_rows')}`);
    const afterOutage = await metrics(gateway);
    assert.deepEqual([afterOutage.get('switchyard_store_reachable'), afterOutage.get('switchyard_store_pending_rows'), afterOutage.get('switchyard_store_dropped_rows')], [1, 0, 0]);
    // The shared-state sync (keys, profile, routes) reads the database each second: one line for the outage, one when it is over.
    assert.equal(log.match(/could not read shared state from the database/g)?.length, 1, log.slice(-3000));
    assert.match(log, /reading shared state from the database again/);
  } finally {
    running = false;
    await gateway.stop();
  }
});

for (const how of ['SIGTERM', 'SIGKILL'] as const) {
  test(`${how} while Postgres is down: the answered requests' rows are kept on disk and written at the next start`, async () => {
    const gateway = await startGateway();
    let restarted: SpawnedGateway | undefined;
    try {
      assert.equal((await send(gateway, FREE_KEY)).status, 200, 'warm-up while Postgres is up');
      await team.postgres.stop();
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await send(gateway, i % 2 ? FREE_KEY : BUDGET_KEY);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        ids.push(res.id!);
      }
      const stopping = Date.now();
      if (how === 'SIGKILL') gateway.child.kill('SIGKILL');
      const code = await gateway.stop();
      if (how === 'SIGTERM') {
        assert.equal(code, 0, gateway.output().slice(-2000));
        assert.ok(Date.now() - stopping < 10_000, 'exits within the shutdown grace period');
        const kept = gateway.output().match(/Postgres is unreachable at shutdown: (\d+) rows are kept in .*postgres\.pending-rows and written at the next start/);
        assert.ok(kept, gateway.output().slice(-2000));
        // Each request leaves its log row and an advisor observation.
        assert.ok(Number(kept[1]) >= ids.length, `${kept[1]} rows kept`);
      }

      await team.postgres.start();
      assert.equal((await missingRows(ids)).length, ids.length, 'nothing reached Postgres while it was down');
      restarted = await startGateway(gateway.dataDir);
      assert.deepEqual(await missingRows(ids), [], 'the next start wrote every kept row');
      assert.match(restarted.output(), /Postgres answers again: wrote \d+ rows kept in/);
    } finally {
      await gateway.stop();
      await restarted?.stop();
    }
  });
}
