// An upstream reports usage as it likes: negative or non-numeric counts must not become negative
// spend (a refund of the client's budget), negative token totals on the dashboard, or a Prometheus
// counter running backwards — nor a silent 0: such usage is unknown, and so is its cost. End to end
// through a real gateway and an upstream that lies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onJsonRequest } from './fakes/on-json-request';
import { spawnGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-hostile-usage-01';
const CLIENT = 'sy-usage-client-0123456789';

test('negative and non-numeric usage counts are unknown usage: no counts, no cost, never a refund', async () => {
  const upstream = http.createServer(onJsonRequest((_req, res, _url, body) => {
    const usage = { prompt_tokens: -1_000_000, completion_tokens: 'many', total_tokens: -1, prompt_tokens_details: { cached_tokens: -50 } };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage }));
  }));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [{ id: 'liar', kind: 'openai', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, apiKey: 'sk-liar-0123456789', prices: { m: { input: 1, output: 1, cachedInput: 1 } } }],
    clients: [{ name: 'ci', key: CLIENT, budget: { usd: 1, period: 'day' } }],
  });
  const admin = async (path: string) => (await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json() as Promise<any>;
  try {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'liar/m', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    }
    let requests: any[] = [];
    for (const deadline = Date.now() + 5000; requests.length < 2 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) requests = (await admin('/api/requests')).requests;
    assert.equal(requests.length, 2);
    for (const r of requests) {
      assert.deepEqual([r.inputTokens, r.outputTokens, r.cachedTokens, r.costUsd], [null, null, null, null], 'impossible counts are unknown usage');
    }
    for (const row of (await admin('/api/spend?by=client')).rows) assert.ok(row.costUsd >= 0, JSON.stringify(row));
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const tokenLines = metrics.split('\n').filter((l) => l.startsWith('switchyard_tokens_total{'));
    for (const line of tokenLines) assert.ok(Number(line.split(' ').at(-1)) >= 0, line);
    const client = (await admin('/api/clients')).clients.find((c: any) => c.name === 'ci');
    assert.ok(client.spentUsd >= 0 && client.spentUsd <= 1, `spent ${client.spentUsd}`);
  } finally {
    await gateway.stop();
    upstream.close();
  }
});
