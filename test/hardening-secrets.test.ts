// Secret scan: a full run through a real gateway — every client endpoint, streaming, upstream errors
// that echo the provider key, every admin endpoint, /metrics — then the database files, the process
// output and every response are searched for the provider keys and the client keys. None may appear.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnGateway } from './helpers/spawn-gateway';
import { startPermissiveUpstream } from './fakes/permissive-upstream';

const GOOD_KEY = 'sk-scan-goodprovider-7f3a9c1e5b2d4680';
const ECHO_KEY = 'sk-scan-echoprovider-1b8e6d2f4a9c3057';
const ODD_KEY = 'scan-odd-shaped-provider-key-93b1c7e2';
const CLIENT_KEY = 'sy-scan-config-client-5e9a1c3b7d';
const ADMIN = 'scan-admin-token-0c4f8a2e6b';

test('no provider key or client key appears in the database, the logs or any response', async () => {
  const good = await startPermissiveUpstream();
  // This upstream refuses every request with an error body that quotes the key it was sent, as
  // OpenAI does for a wrong key ("Incorrect API key provided: sk-…").
  const echo = await startPermissiveUpstream({
    errorBody: (headers) => {
      const key = String(headers.authorization ?? '').replace(/^Bearer /, '');
      return JSON.stringify({ error: { message: `Incorrect API key provided: ${key}. Key ${key} is invalid.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key', detail: { key } } });
    },
  });
  const gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'good', kind: 'openai', baseUrl: `${good.url}/v1`, apiKey: 'env:GOOD_KEY', prices: { m: { input: 1, output: 2 } } },
      { id: 'echo', kind: 'openai', baseUrl: `${echo.url}/v1`, apiKey: 'env:ECHO_KEY' },
      { id: 'odd', kind: 'openai', baseUrl: `${echo.url}/v1`, apiKey: 'env:ODD_KEY' },
    ],
    routes: [
      { name: 'scan', strategy: 'fallback', targets: ['good/m'] },
      { name: 'leaky', strategy: 'fallback', targets: ['echo/m', 'odd/m'] },
      { name: 'leaky-then-good', strategy: 'fallback', targets: ['echo/m', 'good/m'] },
      { name: 'leaky-odd', strategy: 'fallback', targets: ['odd/m'] },
    ],
    clients: [{ name: 'scanner', key: CLIENT_KEY }],
    // Every refusal must reach the echoing upstream to be scanned: a refused key is out until its
    // breaker's cooldown, so 1 ms lets the next request ask with it again.
    routing: { breaker: { cooldownMs: 1 } },
  }, { env: { GOOD_KEY, ECHO_KEY, ODD_KEY } });

  const seen: Array<{ what: string; text: string }> = [];
  let apiKey = '';
  const call = async (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    const res = await fetch(gateway.url + path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    const text = await res.text();
    seen.push({ what: `${init.method ?? 'GET'} ${path} → ${res.status}`, text: JSON.stringify(Object.fromEntries((res.headers as unknown as Map<string, string>).entries())) + '\n' + text });
    return { status: res.status, text };
  };
  const asClient = { authorization: `Bearer ${CLIENT_KEY}` };
  const asAdmin = { authorization: `Bearer ${ADMIN}` };
  const post = (path: string, body: unknown, headers: Record<string, string> = asClient) => call(path, { method: 'POST', headers, body: JSON.stringify(body) });
  try {
    const chat = (model: string, stream = false) => post('/v1/chat/completions', { model, stream, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((await chat('scan')).status, 200);
    assert.equal((await chat('scan', true)).status, 200);
    const leaked = await chat('leaky');
    assert.ok(leaked.status >= 400, 'an upstream that refuses the key fails the request');
    assert.match(leaked.text, /redacted/, 'the upstream message reaches the client scrubbed');
    assert.equal((await chat('leaky', true)).status >= 400, true);
    assert.equal((await chat('leaky-then-good')).status, 200);
    // A key with no recognisable shape is scrubbed because it is a configured secret, not by pattern.
    const odd = await chat('leaky-odd');
    assert.ok(odd.status >= 400);
    assert.match(odd.text, /redacted/);
    await post('/v1/responses', { model: 'leaky', input: 'hi' });
    await post('/v1/responses', { model: 'scan', input: 'hi', stream: true });
    await post('/v1/messages', { model: 'leaky', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': CLIENT_KEY });
    await post('/v1/messages', { model: 'scan', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': CLIENT_KEY });
    await post('/v1beta/models/leaky:generateContent', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { 'x-goog-api-key': CLIENT_KEY });
    await post('/v1/embeddings', { model: 'echo/e', input: 'hi' });
    await post('/v1/embeddings', { model: 'good/e', input: 'hi' });
    await post('/v1/chat/completions', { model: 'scan', messages: [] }, { authorization: 'Bearer sy-wrong-key' });

    // An API-created key is shown once, in its creation response; it must appear nowhere else.
    const created = await post('/api/clients', { name: 'made-by-api' }, asAdmin);
    assert.equal(created.status, 201);
    apiKey = JSON.parse(created.text).key as string;
    assert.ok(apiKey.length >= 16);
    seen.pop();
    assert.equal((await post('/v1/chat/completions', { model: 'scan', messages: [{ role: 'user', content: 'hi' }] }, { authorization: `Bearer ${apiKey}` })).status, 200);

    for (const path of ['/api/requests?limit=1000', '/api/spend?by=client', '/api/spend?by=target', '/api/spend?by=model', '/api/spend?by=day', '/api/clients', '/api/profile', '/api/breakers', '/api/routes', '/api/config/status', '/api/summary', '/api/timeseries', '/api/events', '/api/prices']) {
      assert.equal((await call(path, { headers: asAdmin })).status, 200, path);
    }
    await call('/metrics');
    await call('/v1/models', { headers: asClient });
    await call('/');
    const logged = JSON.parse(seen.find((s) => s.what.startsWith('GET /api/requests'))!.text.split('\n').slice(1).join('\n'));
    assert.ok(logged.requests.some((r: any) => r.error && /redacted|invalid/i.test(r.error)), 'the failed attempts were logged');
  } finally {
    await gateway.stop();
    await good.close();
    await echo.close();
  }

  const secrets = [GOOD_KEY, ECHO_KEY, ODD_KEY, CLIENT_KEY, apiKey];
  const sources: Array<{ what: string; data: Buffer }> = [
    ...seen.map((s) => ({ what: `response of ${s.what}`, data: Buffer.from(s.text) })),
    { what: 'gateway stdout/stderr', data: Buffer.from(gateway.output()) },
    ...readdirSync(gateway.dataDir).map((f) => ({ what: `data file ${f}`, data: readFileSync(join(gateway.dataDir, f)) })),
  ];
  assert.ok(sources.some((s) => s.what.includes('switchyard.db')), 'the database file was scanned');
  const found: string[] = [];
  for (const source of sources) for (const secret of secrets) if (source.data.includes(secret)) found.push(`${secret.slice(0, 12)}… in ${source.what}`);
  assert.deepEqual(found, []);
  // The upstreams did receive the keys, so the scan above looked for strings that were really in play.
  assert.ok(echo.headers.some((h) => h.authorization === `Bearer ${ECHO_KEY}`));
  assert.ok(good.headers.some((h) => h.authorization === `Bearer ${GOOD_KEY}`));
  assert.ok(echo.headers.some((h) => h.authorization === `Bearer ${ODD_KEY}`));
});
