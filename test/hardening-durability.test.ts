// Durability: a gateway under load is killed with SIGKILL, then restarted on the same data dir.
// Every request whose response the client read to the end must be in the log, and the budget's
// spend must be exactly what the logged rows cost (so budgets after the restart are right).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { spawnGateway, tempDir } from './helpers/spawn-gateway';
import { startPermissiveUpstream } from './fakes/permissive-upstream';

const CLIENT_KEY = 'sy-durable-client-0123456789';
const ADMIN = 'durable-admin-token-0123456789';
const BUDGET_USD = 100;
// The permissive upstream reports 12 input and 5 output tokens: 12 × $1 + 5 × $2 per million.
const COST_PER_REQUEST = (12 * 1 + 5 * 2) / 1e6;

test('kill -9 under load, restart: every completed response is logged and the budget agrees with the log', async () => {
  const upstream = await startPermissiveUpstream({ chunkDelayMs: 1 });
  const dataDir = tempDir('durable');
  const config = {
    adminToken: ADMIN,
    providers: [{ id: 'up', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-durable-upstream-0123456789', prices: { m: { input: 1, output: 2 } } }],
    routes: [{ name: 'durable', strategy: 'fallback', targets: ['up/m'] }],
    clients: [{ name: 'durable', key: CLIENT_KEY, budget: { usd: BUDGET_USD, period: 'total' } }],
  };
  const first = await spawnGateway(config, { dataDir });
  const completed = new Set<string>();
  let stop = false;
  let failures = 0;
  const worker = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const stream = (n + i) % 3 === 0;
      try {
        const res = await request(`${first.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` },
          body: JSON.stringify({ model: 'durable', stream, messages: [{ role: 'user', content: `request ${n}.${i}` }] }),
        });
        const text = await res.body.text();
        // Complete: the whole body arrived (a stream up to its [DONE], a JSON answer that parses).
        const whole = stream ? text.trimEnd().endsWith('data: [DONE]') : JSON.parse(text).choices[0].message.content === 'Hi there';
        if (res.statusCode === 200 && whole) completed.add(String(res.headers['x-switchyard-request-id']));
      } catch {
        failures++;
      }
    }
  };
  const workers = Array.from({ length: 12 }, (_, n) => worker(n));
  // Let load build up, then kill without warning while requests are in flight.
  const deadline = Date.now() + 10_000;
  while (completed.size < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  first.child.kill('SIGKILL');
  await first.stop();
  stop = true;
  await Promise.all(workers);
  assert.ok(completed.size >= 50, `only ${completed.size} requests completed before the kill`);
  assert.ok(failures > 0 || completed.size > 0);

  const second = await spawnGateway(config, { dataDir });
  try {
    const admin = async (path: string) => {
      const res = await fetch(second.url + path, { headers: { authorization: `Bearer ${ADMIN}` } });
      assert.equal(res.status, 200, path);
      return res.json() as Promise<any>;
    };
    const logged = new Map<string, any>();
    for (let offset = 0; ; offset += 1000) {
      const page = (await admin(`/api/requests?limit=1000&offset=${offset}`)).requests as any[];
      for (const row of page) logged.set(row.id, row);
      if (page.length < 1000) break;
    }
    const missing = [...completed].filter((id) => !logged.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${completed.size} completed requests are missing from the log`);
    for (const id of completed) {
      const row = logged.get(id);
      assert.equal(row.status, 200);
      assert.equal(row.inputTokens, 12);
      assert.ok(Math.abs(row.costUsd - COST_PER_REQUEST) < 1e-12, `cost of ${id}: ${row.costUsd}`);
    }

    // The budget after the restart is read from the log: spent equals what the logged rows cost.
    const loggedCost = [...logged.values()].reduce((sum, r) => sum + (r.costUsd ?? 0), 0);
    const spend = (await admin('/api/spend?by=client')).rows.find((r: any) => r.key === 'durable');
    assert.ok(Math.abs(spend.costUsd - loggedCost) < 1e-9, `spend ${spend.costUsd} vs logged ${loggedCost}`);
    assert.ok(spend.costUsd >= completed.size * COST_PER_REQUEST - 1e-9);
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    const remaining = /switchyard_budget_remaining_usd\{scope="client",name="durable",period="total"\} ([0-9.e-]+)/.exec(metrics);
    assert.ok(remaining, 'budget remaining gauge is exported');
    assert.ok(Math.abs(Number(remaining[1]) - (BUDGET_USD - loggedCost)) < 1e-9, `remaining ${remaining[1]} vs ${BUDGET_USD - loggedCost}`);

    // And the restarted gateway keeps serving and logging.
    const res = await fetch(`${second.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` }, body: JSON.stringify({ model: 'durable', messages: [{ role: 'user', content: 'after' }] }) });
    assert.equal(res.status, 200);
    const id = res.headers.get('x-switchyard-request-id');
    const latest = (await admin('/api/requests?limit=1')).requests[0];
    assert.equal(latest.id, id);
  } finally {
    await second.stop();
    await upstream.close();
  }
});
