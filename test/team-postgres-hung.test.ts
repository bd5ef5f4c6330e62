// Team mode with a Postgres that stops answering without refusing anything (every server process
// SIGSTOPped: connections stay open, queries just wait, as with a hung host or a path that drops
// packets). Responses, budget checks, the admin API and shutdown must each give up in bounded time.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { sendInFormat } from './helpers/send-in-format';
import { startTeamServices, type TeamServices } from './helpers/team-services';

const ADMIN = 'admin-token-postgres-hung';
const FREE_KEY = 'sy-hung-free-0123456789';
const BUDGET_KEY = 'sy-hung-budget-0123456789';

let team: TeamServices;

before(async () => {
  team = await startTeamServices();
});

after(() => team?.stop());

const config = () => ({
  adminToken: ADMIN,
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${team.upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } }],
  clients: [
    { name: 'free', key: FREE_KEY },
    { name: 'budgeted', key: BUDGET_KEY, budget: { usd: 5, period: 'day' } },
  ],
});

async function timed<T>(work: Promise<T>): Promise<T & { ms: number }> {
  const started = Date.now();
  const result = await work;
  return { ...result, ms: Date.now() - started };
}

const send = (gateway: SpawnedGateway, key: string) => sendInFormat(gateway.url, key);

test('a Postgres that stops answering: responses, budget checks, the admin API and SIGTERM each end in bounded time, and no row is lost', async () => {
  const gateway = await spawnGateway(config(), { extraArgs: ['--database', team.postgres.url, '--redis', team.redis.url] });
  let restarted: SpawnedGateway | undefined;
  try {
    assert.equal((await send(gateway, FREE_KEY)).status, 200, 'warm-up');
    team.postgres.freeze();

    // The first responses wait for their rows up to the write deadline (2 s), then the journal takes over.
    const first = await Promise.all([0, 1, 2].map(() => timed(send(gateway, FREE_KEY))));
    for (const res of first) {
      assert.equal(res.status, 200);
      assert.ok(res.ms < 5000, `answered in ${res.ms} ms`);
    }
    const ids = first.map((r) => r.id!);
    for (let i = 0; i < 5; i++) {
      const res = await timed(send(gateway, FREE_KEY));
      assert.equal(res.status, 200);
      assert.ok(res.ms < 1000, `no longer waits on Postgres: ${res.ms} ms`);
      ids.push(res.id!);
    }

    // Reads get the read deadline (10 s), then the usual "unreachable" answers.
    const [budget, requests] = await Promise.all([
      timed(send(gateway, BUDGET_KEY)),
      timed(
        fetch(`${gateway.url}/api/requests?limit=5`, { headers: { authorization: `Bearer ${ADMIN}` }, signal: AbortSignal.timeout(30_000) }).then(async (res) => ({
          status: res.status,
          body: await res.json(),
        })),
      ),
    ]);
    assert.deepEqual([budget.status, budget.body.error.code], [503, 'spend_store_unavailable']);
    assert.ok(budget.ms < 15_000, `budget refused in ${budget.ms} ms`);
    assert.deepEqual([requests.status, requests.body.error.code], [503, 'store_unavailable']);
    assert.ok(requests.ms < 15_000, `admin answered in ${requests.ms} ms`);

    const stopping = Date.now();
    assert.equal(await gateway.stop(), 0);
    assert.ok(Date.now() - stopping < 10_000, `stopped in ${Date.now() - stopping} ms`);
    assert.match(gateway.output(), /Postgres is unreachable at shutdown: \d+ rows are kept in .*postgres\.pending-rows/);

    team.postgres.thaw();
    restarted = await spawnGateway(config(), { dataDir: gateway.dataDir, extraArgs: ['--database', team.postgres.url, '--redis', team.redis.url] });
    const pool = new Pool({ connectionString: team.postgres.url });
    try {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM requests WHERE id = ANY($1)', [ids]);
      assert.equal(rows.length, ids.length, 'every answered request is in Postgres');
    } finally {
      await pool.end();
    }
  } finally {
    team.postgres.thaw();
    await gateway.stop();
    await restarted?.stop();
  }
});
