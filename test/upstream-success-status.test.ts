// An upstream that answers a non-streaming request with a 2xx other than 200, against a real
// `serve` process: every client API documents 200 for an answer, so the client gets 200 (and the
// request log says so, its attempt keeping the upstream's own status); a 204, which has no body,
// is a 502 in the client's own error shape, never an empty "success" or a crash.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { sendInFormat, type ClientFormat } from './helpers/send-in-format';
import { assertErrorShape } from './helpers/assert-error-shape';
import { findLoggedRequest } from './helpers/find-logged-request';
import { startSuccessStatusUpstream } from './fakes/success-status-upstream';
import type { ListeningFake } from './fakes/listen-on-loopback';

const ADMIN = 'admin-token-success-status';
const FORMATS: ClientFormat[] = ['openai', 'anthropic', 'gemini'];
const PROVIDERS = ['oa', 'an', 'gm'] as const;
let upstream: ListeningFake;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startSuccessStatusUpstream();
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'oa-key-success-status' },
      { id: 'an', kind: 'anthropic', baseUrl: `${upstream.url}/v1`, apiKey: 'an-key-success-status' },
      { id: 'gm', kind: 'gemini', baseUrl: `${upstream.url}/v1beta`, apiKey: 'gm-key-success-status' },
    ],
    routes: [{ name: 'empty-then-ok', strategy: 'fallback', targets: ['oa/status-204', 'oa/status-200'] }],
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

const logged = (id: string | null) => findLoggedRequest(gateway.url, ADMIN, (row) => row.id === id);

/** The answer's text, read as the client format's own answer. */
const TEXT_OF: Record<ClientFormat, (body: any) => unknown> = {
  openai: (body) => body.choices?.[0]?.message?.content,
  anthropic: (body) => body.content?.[0]?.text,
  gemini: (body) => body.candidates?.[0]?.content?.parts?.[0]?.text,
};

for (const format of FORMATS) {
  for (const provider of PROVIDERS) {
    for (const status of [201, 203]) {
      test(`an upstream ${status} answer (${format} client, ${provider} upstream) reaches the client as 200, and is logged so`, async () => {
        const answer = await sendInFormat(gateway.url, undefined, format, `${provider}/status-${status}`);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(TEXT_OF[format](answer.body), 'hello');
        const entry = await logged(answer.id);
        assert.equal(entry.status, 200);
        assert.deepEqual(entry.attempts.map((a) => [a.status, a.error]), [[status, null]]);
      });
    }

    test(`an upstream 204 with no body (${format} client, ${provider} upstream) is a 502 in the client's error shape`, async () => {
      const answer = await sendInFormat(gateway.url, undefined, format, `${provider}/status-204`);
      assert.equal(answer.status, 502, JSON.stringify(answer.body));
      assertErrorShape(format, 502, JSON.stringify(answer.body), `${format} client, ${provider} upstream`);
      assert.match(JSON.stringify(answer.body), /answered HTTP 204 with an empty body/);
      const entry = await logged(answer.id);
      assert.equal(entry.status, 502);
      assert.deepEqual(entry.attempts.map((a) => [a.status, a.error]), [[204, 'upstream_error']]);
    });
  }
}

test('an upstream 204 fails over to the next target', async () => {
  const answer = await sendInFormat(gateway.url, undefined, 'openai', 'empty-then-ok');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(TEXT_OF.openai(answer.body), 'hello');
  assert.deepEqual((await logged(answer.id)).attempts.map((a) => [a.target, a.status]), [['oa/status-204', 204], ['oa/status-200', 200]]);
});

for (const status of [201, 204]) {
  test(`embeddings: an upstream ${status} is ${status === 204 ? 'a 502 in OpenAI\'s error shape' : 'answered 200'}`, async () => {
    const res = await fetch(`${gateway.url}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: `oa/status-${status}`, input: 'hi' }) });
    const text = await res.text();
    if (status === 204) {
      assert.equal(res.status, 502, text);
      assertErrorShape('openai', 502, text, 'embeddings');
    } else {
      assert.equal(res.status, 200, text);
      assert.deepEqual(JSON.parse(text).data[0].embedding, [0.1, 0.2]);
    }
    assert.equal((await logged(res.headers.get('x-switchyard-request-id'))).status, res.status);
  });
}
