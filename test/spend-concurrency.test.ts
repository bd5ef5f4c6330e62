// Budgets hold under concurrency: 50 parallel requests (half streaming) against a nearly spent
// client budget, through a real `switchyard serve` process. The bound (README "Budgets"): when every
// request's real cost is within its reservation, final spend ≤ limit + the cost of one request.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-for-concurrency';
const KEY = 'sy-burst-0123456789';
const PRICE = { input: 10, output: 30 };
const USAGE = { prompt: 50, completion: 100 };
const COST = (USAGE.prompt * PRICE.input + USAGE.completion * PRICE.output) / 1e6; // $0.0035
const MAX_TOKENS = 100;
const PRE_SPEND_REQUESTS = 10;

function body(stream: boolean) {
  // The prompt text is ≥ USAGE.prompt bytes, so the byte-length bound covers the reported tokens.
  return JSON.stringify({ model: 'alpha/m', max_tokens: MAX_TOKENS, stream, messages: [{ role: 'user', content: 'x'.repeat(120) }] });
}
const WORST = Math.max(...[false, true].map((s) => (Buffer.byteLength(body(s)) * PRICE.input + MAX_TOKENS * PRICE.output) / 1e6));
// Nearly spent: after the warm-up, room for four and a half worst cases.
const LIMIT = PRE_SPEND_REQUESTS * COST + 4.5 * WORST;

let upstream: FakeOpenAI;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startFakeOpenAI({ usage: USAGE, chunkDelayMs: 15 });
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, prices: { m: PRICE } }],
    clients: [{ name: 'burst', key: KEY, budget: { usd: LIMIT, period: 'day' } }],
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function send(stream: boolean): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: body(stream) });
  const text = await res.text();
  return { status: res.status, code: res.status === 200 ? undefined : JSON.parse(text).error.code };
}

test('50 concurrent requests against a nearly spent budget overshoot by at most one request', async () => {
  for (let i = 0; i < PRE_SPEND_REQUESTS; i++) assert.equal((await send(i % 2 === 0)).status, 200);
  const upstreamBefore = upstream.requests.length;

  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => send(i % 2 === 0)));
  const admitted = results.filter((r) => r.status === 200).length;
  const refused = results.filter((r) => r.status === 402 && r.code === 'budget_exceeded').length;
  assert.equal(admitted + refused, 50, `every answer is 200 or 402 budget_exceeded: ${JSON.stringify(results)}`);
  assert.equal(upstream.requests.length - upstreamBefore, admitted, 'a refused request never reaches the upstream');

  // Four worst cases fit whatever the timing; at most one more may run alone past the limit.
  assert.ok(admitted >= 4, `admitted ${admitted}`);
  assert.ok(admitted <= Math.floor((LIMIT - PRE_SPEND_REQUESTS * COST) / COST) + 1, `admitted ${admitted}`);

  const spend = await fetch(`${gateway.url}/api/spend?by=client`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const row = ((await spend.json()) as any).rows.find((r: any) => r.key === 'burst');
  assert.equal(row.requests, PRE_SPEND_REQUESTS + 50);
  assert.ok(Math.abs(row.costUsd - (PRE_SPEND_REQUESTS + admitted) * COST) < 1e-12, 'recorded spend is exactly the admitted requests');
  assert.ok(row.costUsd <= LIMIT + COST + 1e-12, `spent ${row.costUsd} ≤ limit ${LIMIT} + one request ${COST}`);

  // Spend what is left one request at a time: the bound still holds, then everything is refused.
  let more = 0;
  while ((await send(false)).status === 200) more++;
  assert.ok(more <= 5, `${more} more`);
  const clients = await fetch(`${gateway.url}/api/clients`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const burst = ((await clients.json()) as any).clients.find((c: any) => c.name === 'burst');
  assert.ok(Math.abs(burst.spentUsd - (PRE_SPEND_REQUESTS + admitted + more) * COST) < 1e-12, 'the ledger and the log agree');
  assert.ok(burst.spentUsd >= LIMIT - WORST, 'the budget was used, not refused early');
  assert.ok(burst.spentUsd <= LIMIT + COST + 1e-12, `spent ${burst.spentUsd} ≤ limit ${LIMIT} + one request ${COST}`);
  assert.equal((await send(true)).status, 402, 'once spent, everything is refused');
});
