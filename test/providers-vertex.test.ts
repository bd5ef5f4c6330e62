// Vertex AI end to end: service-account JWT → token endpoint → bearer call to the project/location URL.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, test } from 'node:test';
import { authorizeRequest } from '../proxy/providers/auth/authorize';
import { GoogleTokenSource } from '../proxy/providers/auth/google-service-account';
import { buildVertexBaseUrl } from '../proxy/providers/vertex/vertex-url';
import { type RunningFake, startProviderFake } from './fakes/start-provider-fake';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let fake: RunningFake;
let serviceAccount: string;

before(async () => {
  fake = await startProviderFake({ GOOGLE_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  serviceAccount = JSON.stringify({
    type: 'service_account',
    project_id: 'acme-ml',
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: 'switchyard@acme-ml.iam.gserviceaccount.com',
    token_uri: `${fake.origin}/token`,
  });
});
after(async () => {
  await fake.stop();
});

/** The real Vertex base URL's path, served by the fake instead of Google. */
function fakeVertexUrl(model: string): string {
  const real = new URL(buildVertexBaseUrl({ project: 'acme-ml', location: 'europe-west4' }));
  assert.equal(real.host, 'europe-west4-aiplatform.googleapis.com');
  return `${fake.origin}${real.pathname}/models/${model}:generateContent`;
}

test('the token exchange succeeds and the bearer token is accepted by Vertex', async () => {
  const tokens = new GoogleTokenSource();
  const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  const req = { method: 'POST', url: fakeVertexUrl('gemini-2.5-flash'), headers: { 'content-type': 'application/json' }, body };
  for (let i = 0; i < 2; i++) {
    const auth = await authorizeRequest('google-service-account', serviceAccount, req, { googleTokens: tokens });
    const res = await fetch(auth.url, { method: 'POST', headers: auth.headers, body });
    assert.equal(res.status, 200);
    const json = (await res.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
    assert.equal(json.candidates[0].content.parts[0].text, 'hello from gemini-2.5-flash in acme-ml/europe-west4');
  }
  const requests = await fake.requests();
  const exchanges = requests.filter((r) => r.url === '/token');
  assert.equal(exchanges.length, 1, 'the second call reuses the cached token');
  const form = new URLSearchParams(exchanges[0].body);
  assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  assert.equal(exchanges[0].headers['content-type'], 'application/x-www-form-urlencoded');
  const vertexCalls = requests.filter((r) => r.url.endsWith(':generateContent'));
  assert.deepEqual(vertexCalls.map((r) => r.headers.authorization), ['Bearer ya29.fake-1', 'Bearer ya29.fake-1']);
});

test('a key the token endpoint cannot verify fails before Vertex is called', async () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const bad = JSON.stringify({ ...JSON.parse(serviceAccount), private_key: other, private_key_id: 'k2' });
  const before = (await fake.requests()).length;
  await assert.rejects(
    authorizeRequest('google-service-account', bad, { method: 'POST', url: fakeVertexUrl('gemini-2.5-pro'), headers: {}, body: '{}' }, { googleTokens: new GoogleTokenSource() }),
    /invalid_grant/,
  );
  const after = await fake.requests();
  assert.deepEqual(after.slice(before).map((r) => r.url), ['/token']);
});
