// Team mode with rows Postgres refuses: a NUL character in the model a client sent (text and jsonb
// cannot hold U+0000) is stored as U+FFFD, and a value no column can hold (an upstream reporting
// more tokens than an INTEGER) is set aside in a file. Either way every other row reaches
// Postgres; neither must wedge the request log, whether it arrives live or from the outage journal.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { sendInFormat } from './helpers/send-in-format';
import { startTeamServices, type TeamServices } from './helpers/team-services';

let team: TeamServices;
/** Reports 5 billion input tokens: more than the requests table's INTEGER column holds. */
let huge: FakeOpenAI;

before(async () => {
  [team, huge] = await Promise.all([startTeamServices(), startFakeOpenAI({ usage: { prompt: 5_000_000_000, completion: 5 } })]);
});

after(async () => {
  await Promise.all([team?.stop(), huge?.close()]);
});

const config = () => ({
  providers: [
    { id: 'alpha', kind: 'openai', baseUrl: `${team.upstream.url}/v1` },
    { id: 'huge', kind: 'openai', baseUrl: `${huge.url}/v1` },
  ],
});

async function send(gateway: SpawnedGateway, model: string): Promise<string> {
  return (await sendInFormat(gateway.url, undefined, 'openai', model)).id!;
}

async function storedModels(ids: string[]): Promise<Map<string, string>> {
  const pool = new Pool({ connectionString: team.postgres.url });
  try {
    const { rows } = await pool.query<{ id: string; model: string }>('SELECT id, model FROM requests WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, r.model]));
  } finally {
    await pool.end();
  }
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(what);
}

/** Three ordinary requests, one whose model has a NUL, one the huge upstream answers; all at once, so they share batches. */
async function mixedBurst(gateway: SpawnedGateway): Promise<{ ordinary: string[]; nul: string; refused: string }> {
  const [a, b, nul, refused, c] = await Promise.all([
    send(gateway, 'alpha/m'), send(gateway, 'alpha/m'), send(gateway, 'alpha/m\u0000x'), send(gateway, 'huge/m'), send(gateway, 'alpha/m'),
  ]);
  return { ordinary: [a!, b!, c!], nul: nul!, refused: refused! };
}

for (const when of ['live', 'from the outage journal'] as const) {
  test(`rows Postgres cannot take (${when}): NUL kept as U+FFFD, the unstorable row set aside, every other row written`, async () => {
    const gateway = await spawnGateway(config(), { extraArgs: ['--database', team.postgres.url] });
    try {
      if (when !== 'live') await team.postgres.stop();
      const burst = await mixedBurst(gateway);
      if (when !== 'live') await team.postgres.start();
      await eventually(async () => (await storedModels([...burst.ordinary, burst.nul])).size === 4, `ordinary rows and the NUL row in Postgres\n${gateway.output().slice(-3000)}`);
      const models = await storedModels([...burst.ordinary, burst.nul, burst.refused]);
      assert.equal(models.get(burst.nul), 'alpha/m\uFFFDx');
      assert.equal(models.has(burst.refused), false);

      const rejected = join(gateway.dataDir, 'postgres.pending-rows.rejected');
      await eventually(async () => existsSync(rejected) && readFileSync(rejected, 'utf8').includes(burst.refused), 'the refused row set aside');
      assert.match(gateway.output(), /Postgres refused 1 rows; they are set aside in .*postgres\.pending-rows\.rejected and not retried/);
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      assert.match(metrics, /^switchyard_store_refused_rows 1$/m);
      assert.match(metrics, /^switchyard_store_reachable 1$/m);
      // And the log keeps flowing: the next request lands at once.
      const next = await send(gateway, 'alpha/m');
      await eventually(async () => (await storedModels([next])).size === 1, 'a later row in Postgres');
    } finally {
      await gateway.stop();
      await team.postgres.start();
    }
  });
}
