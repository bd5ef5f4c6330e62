// A key rotated in the key store before the provider ever refused the old one: the running gateway's
// periodic look at the key store picks it up, so no request spends an attempt on the old key. The
// real server (in this process, to shorten the period), the real encrypted-file key store and a
// fake upstream over loopback; the key here is the implicit one, stored under the provider's id.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { openKeyStore } from '../proxy/keys/key-store';
import { createLogger } from '../proxy/server/logger';
import { startServer } from '../proxy/server/start-server';
import { startFakeOpenAI } from './fakes/fake-openai';
import { tempDir } from './helpers/spawn-gateway';

test('key store rotation: a key changed in the file store is used from the next request, without a refusal first', async () => {
  const dataDir = tempDir('rotation');
  const store = openKeyStore('file', dataDir, { env: { SWITCHYARD_MASTER_KEY: randomBytes(32).toString('base64') } });
  const first = `sk-first-${randomBytes(16).toString('hex')}`;
  const rotated = `sk-rotated-${randomBytes(16).toString('hex')}`;
  await store.set('alpha', first);
  const upstream = await startFakeOpenAI({ apiKey: rotated, models: ['m-large'] });
  const configPath = join(tempDir('rotation-config'), 'switchyard.json');
  writeFileSync(configPath, JSON.stringify({ providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1` }] }));
  let logged = '';
  const logStream = new PassThrough().on('data', (d) => (logged += d));
  const server = await startServer({ configPath, dataDir, port: 0, keyStore: store, logger: createLogger(logStream), keyRecheck: { intervalMs: 100 } });
  try {
    const loadedAt = server.gateway.configStatus.loadedAt;
    await store.set('alpha', rotated);
    // The gateway says when it applied the change; the request then needs no second try.
    const deadline = Date.now() + 10_000;
    while (server.gateway.configStatus.loadedAt === loadedAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(/a stored provider key changed/.test(logged), `the gateway logs the change: ${logged}`);

    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'alpha/m-large', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(upstream.requests.map((r) => r.headers.authorization), [`Bearer ${rotated}`], 'one attempt, already with the new key');
    assert.ok(!logged.includes(first) && !logged.includes(rotated), 'neither key is logged');
  } finally {
    await server.close();
    await upstream.close();
  }
});
