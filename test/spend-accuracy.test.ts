// Spend accuracy: a thousand mixed requests (streaming or not, usage asked for or not, cached and
// reasoning tokens, a per-request fee, built-in and configured prices, usage missing, price missing)
// through a real `switchyard serve`; the recorded costs must add up to the total computed here,
// independently, from each fake upstream's reported usage and the prices — to the cent, and each
// row exactly. Client formats are rows of FORMATS: each new format adds a driver.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-for-accuracy';
const KEY = 'sy-acc-0123456789';
const REQUESTS = 1000;
const PARALLEL = 16;

interface FakeUsage { prompt: number; completion: number; cached?: number; reasoning?: number }
interface Price { input: number; output: number; cachedInput?: number; reasoningOutput?: number; perRequest?: number }

/** Each upstream reports one fixed usage; `null` reports none at all. */
const UPSTREAMS: Record<string, FakeUsage | null> = {
  cached: { prompt: 1000, completion: 200, cached: 400 },
  small: { prompt: 37, completion: 11 },
  reasoning: { prompt: 5000, completion: 1500, cached: 4096, reasoning: 700 },
  silent: null,
};

/** target → upstream and the price the test expects (null: unknown). */
const TARGETS: Array<{ ref: string; upstream: keyof typeof UPSTREAMS; price: Price | null; configPrice?: Price }> = [
  { ref: 'p1/m-cached', upstream: 'cached', price: { input: 2.5, cachedInput: 1.25, output: 10 }, configPrice: { input: 2.5, cachedInput: 1.25, output: 10 } },
  { ref: 'p2/m-small', upstream: 'small', price: { input: 0.15, output: 0.6 }, configPrice: { input: 0.15, output: 0.6 } },
  { ref: 'p3/m-think', upstream: 'reasoning', price: { input: 1.1, cachedInput: 0.275, output: 4.4, reasoningOutput: 8.8, perRequest: 0.001 }, configPrice: { input: 1.1, cachedInput: 0.275, output: 4.4, reasoningOutput: 8.8, perRequest: 0.001 } },
  // The built-in catalog's price: OpenAI gpt-4o-mini, $0.15 / $0.075 cached / $0.60.
  { ref: 'p4/gpt-4o-mini-2024-07-18', upstream: 'cached', price: { input: 0.15, cachedInput: 0.075, output: 0.6 } },
  { ref: 'p5/m-silent', upstream: 'silent', price: { input: 1, output: 1 }, configPrice: { input: 1, output: 1 } },
  { ref: 'p6/m-unpriced', upstream: 'small', price: null },
];

/** Independent of proxy/spend: uncached, cached, visible output, reasoning output, fee. */
function expectedCost(usage: FakeUsage | null, price: Price | null): number | null {
  if (!usage || !price) return null;
  const cached = usage.cached ?? 0;
  const reasoning = usage.reasoning ?? 0;
  const micro = (usage.prompt - cached) * price.input + cached * (price.cachedInput ?? price.input)
    + (usage.completion - reasoning) * price.output + reasoning * (price.reasoningOutput ?? price.output);
  return micro / 1e6 + (price.perRequest ?? 0);
}

interface FormatDriver {
  format: string;
  variants: Array<{ name: string; send(baseUrl: string, model: string): Promise<void> }>;
}

async function postChat(baseUrl: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return text;
}

const messages = [{ role: 'user', content: 'price me' }];
const FORMATS: FormatDriver[] = [
  {
    format: 'openai-chat',
    variants: [
      { name: 'json', send: async (url, model) => void JSON.parse(await postChat(url, { model, messages })) },
      { name: 'stream', send: async (url, model) => assert.match(await postChat(url, { model, messages, stream: true }), /data: \[DONE\]\n\n$/) },
      { name: 'stream+usage', send: async (url, model) => assert.match(await postChat(url, { model, messages, stream: true, stream_options: { include_usage: true } }), /data: \[DONE\]\n\n$/) },
    ],
  },
];

/** An OpenAI-compatible upstream that never reports usage (some servers don't, even when asked). */
async function startSilentUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = JSON.parse(text);
      const base = { id: 'chatcmpl-silent', created: 1700000000, model: body.model };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: null }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const fakes: FakeOpenAI[] = [];
let silent: Awaited<ReturnType<typeof startSilentUpstream>>;
let gateway: SpawnedGateway;

before(async () => {
  const urls: Record<string, string> = {};
  for (const [name, usage] of Object.entries(UPSTREAMS)) {
    if (usage) {
      const fake = await startFakeOpenAI({ usage, words: ['ok'] });
      fakes.push(fake);
      urls[name] = fake.url;
    }
  }
  silent = await startSilentUpstream();
  urls.silent = silent.url;
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: TARGETS.map((t) => {
      const [id, model] = [t.ref.slice(0, t.ref.indexOf('/')), t.ref.slice(t.ref.indexOf('/') + 1)];
      return { id, kind: 'openai', baseUrl: `${urls[t.upstream]}/v1`, ...(t.configPrice ? { prices: { [model]: t.configPrice } } : {}) };
    }),
    clients: [{ name: 'acc', key: KEY, budget: { usd: 1000, period: 'month' } }],
  });
});

after(async () => {
  await gateway?.stop();
  for (const fake of fakes) await fake.close();
  await silent?.close();
});

/** A small deterministic generator, so a failure replays exactly. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`${REQUESTS} mixed requests: recorded costs add up to the independent total to the cent`, async () => {
  const random = mulberry32(5);
  const plan = Array.from({ length: REQUESTS }, () => {
    const target = TARGETS[Math.floor(random() * TARGETS.length)]!;
    const driver = FORMATS[Math.floor(random() * FORMATS.length)]!;
    const variant = driver.variants[Math.floor(random() * driver.variants.length)]!;
    return { target, driver, variant };
  });
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < plan.length) {
      const { target, variant } = plan[next++]!;
      await variant.send(gateway.url, target.ref);
    }
  }));

  let expectedTotal = 0;
  let expectedUnknown = 0;
  const expectedByTarget = new Map<string, number | null>();
  for (const { target } of plan) {
    const cost = expectedCost(UPSTREAMS[target.upstream]!, target.price);
    expectedByTarget.set(target.ref, cost);
    if (cost === null) expectedUnknown++;
    else expectedTotal += cost;
  }
  assert.ok(expectedUnknown > 0 && expectedUnknown < REQUESTS, 'the mix has known and unknown costs');
  assert.ok(new Set(plan.map((p) => p.variant.name)).size === 3, 'the mix has every variant');

  const summary = (await (await fetch(`${gateway.url}/api/summary`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as any;
  assert.equal(summary.today.requests, REQUESTS);
  assert.equal(summary.today.unknownCostRequests, expectedUnknown, 'missing usage or price is shown as unknown');
  assert.equal(Math.round(summary.today.costUsd * 100), Math.round(expectedTotal * 100), `summary ${summary.today.costUsd} vs ${expectedTotal}`);
  // The budget also charges each answer that came without usage its worst case (README "Budgets"):
  // p5 at $1/$1 per 1M, a body under 200 bytes and the default 4096-token output cap.
  const silentAnswers = plan.filter((p) => p.target.upstream === 'silent').length;
  const budget = summary.budgets.find((b: any) => b.name === 'acc');
  const surcharge = budget.spentUsd - expectedTotal;
  assert.ok(surcharge >= silentAnswers * 4096 / 1e6 - 1e-9 && surcharge <= silentAnswers * (4096 + 200) / 1e6, `ledger surcharge ${surcharge} for ${silentAnswers} answers without usage`);

  assert.equal(await gateway.stop(), 0);
  const db = new Database(join(gateway.dataDir, 'switchyard.db'), { readonly: true });
  const rows = db.prepare('SELECT target, stream, cost_usd FROM requests').all() as Array<{ target: string; stream: number; cost_usd: number | null }>;
  db.close();
  assert.equal(rows.length, REQUESTS);
  let recordedTotal = 0;
  for (const row of rows) {
    const expected = expectedByTarget.get(row.target);
    if (expected === null) assert.equal(row.cost_usd, null, `${row.target} cost is unknown, never a guess`);
    else {
      assert.ok(row.cost_usd !== null && Math.abs(row.cost_usd - expected!) < 1e-12, `${row.target} stream=${row.stream}: ${row.cost_usd} vs ${expected}`);
      recordedTotal += row.cost_usd!;
    }
  }
  assert.equal(Math.round(recordedTotal * 100), Math.round(expectedTotal * 100), `recorded ${recordedTotal} vs expected ${expectedTotal}`);
  assert.ok(Math.abs(recordedTotal - expectedTotal) < 1e-9);
});
