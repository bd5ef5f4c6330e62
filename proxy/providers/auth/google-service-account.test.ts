import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { GatewayError } from '../../errors';
import { CLOUD_PLATFORM_SCOPE, type FetchLike, GoogleTokenSource, parseServiceAccountKey } from './google-service-account';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY = {
  type: 'service_account',
  project_id: 'demo-project',
  private_key_id: 'kid-1',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  client_email: 'gateway@demo-project.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.example.test/token',
};
const SECRET = JSON.stringify(KEY);

interface Exchange { url: string; grantType: string | null; header: Record<string, unknown>; claims: Record<string, unknown> }

/** A token endpoint that accepts only a correctly signed, correctly addressed assertion. */
function fakeTokenEndpoint(options: { expiresIn?: number; status?: number; body?: string } = {}) {
  const exchanges: Exchange[] = [];
  let issued = 0;
  const fetch: FetchLike = async (url, init) => {
    assert.equal(init.method, 'POST');
    assert.equal(init.headers['content-type'], 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(init.body);
    const [h, c, s] = (form.get('assertion') ?? '').split('.');
    const valid = createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(s, 'base64url'));
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
    exchanges.push({ url, grantType: form.get('grant_type'), header, claims });
    if (options.status) return { status: options.status, text: async () => options.body ?? '' };
    if (!valid || form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || claims.aud !== url) {
      return { status: 400, text: async () => JSON.stringify({ error: 'invalid_grant' }) };
    }
    issued += 1;
    return { status: 200, text: async () => JSON.stringify({ access_token: `ya29.token-${issued}`, expires_in: options.expiresIn ?? 3599, token_type: 'Bearer' }) };
  };
  return { fetch, exchanges };
}

test('exchanges an RS256 JWT with the documented claims for an access token', async () => {
  const endpoint = fakeTokenEndpoint();
  const now = 1_700_000_000_000;
  const source = new GoogleTokenSource({ fetch: endpoint.fetch, now: () => now });
  assert.equal(await source.getAccessToken(SECRET), 'ya29.token-1');
  const [exchange] = endpoint.exchanges;
  assert.equal(exchange.url, KEY.token_uri);
  assert.equal(exchange.grantType, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  assert.deepEqual(exchange.header, { alg: 'RS256', typ: 'JWT', kid: 'kid-1' });
  assert.deepEqual(exchange.claims, { iss: KEY.client_email, scope: CLOUD_PLATFORM_SCOPE, aud: KEY.token_uri, iat: 1_700_000_000, exp: 1_700_003_600 });
});

test('caches the token until shortly before expiry, then refreshes', async () => {
  const endpoint = fakeTokenEndpoint({ expiresIn: 3600 });
  let now = 1_000_000;
  const source = new GoogleTokenSource({ fetch: endpoint.fetch, now: () => now });
  assert.equal(await source.getAccessToken(SECRET), 'ya29.token-1');
  now += 50 * 60_000;
  assert.equal(await source.getAccessToken(SECRET), 'ya29.token-1', 'still cached 50 minutes in');
  now += 6 * 60_000;
  assert.equal(await source.getAccessToken(SECRET), 'ya29.token-2', 'refreshed inside the margin');
  assert.equal(endpoint.exchanges.length, 2);
});

test('concurrent callers share one exchange', async () => {
  const endpoint = fakeTokenEndpoint();
  const source = new GoogleTokenSource({ fetch: endpoint.fetch });
  const tokens = await Promise.all([source.getAccessToken(SECRET), source.getAccessToken(SECRET), source.getAccessToken(SECRET)]);
  assert.deepEqual(tokens, ['ya29.token-1', 'ya29.token-1', 'ya29.token-1']);
  assert.equal(endpoint.exchanges.length, 1);
});

test('a JWT signed with the wrong key is refused by the endpoint and reported as an auth failure', async () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const endpoint = fakeTokenEndpoint();
  const source = new GoogleTokenSource({ fetch: endpoint.fetch });
  await assert.rejects(source.getAccessToken(JSON.stringify({ ...KEY, private_key: other })), (err: unknown) => {
    assert.ok(err instanceof GatewayError);
    assert.equal(err.code, 'provider_auth_failed');
    assert.equal(err.status, 401);
    assert.match(err.message, /invalid_grant/);
    return true;
  });
});

const ERROR_ROWS = [
  { name: 'a 503 from the endpoint is a retryable upstream error', status: 503, expectedStatus: 502 },
  { name: 'a 403 from the endpoint is an auth failure', status: 403, expectedStatus: 401 },
];
for (const row of ERROR_ROWS) {
  test(row.name, async () => {
    const source = new GoogleTokenSource({ fetch: fakeTokenEndpoint({ status: row.status, body: '{}' }).fetch });
    await assert.rejects(source.getAccessToken(SECRET), (err: unknown) => err instanceof GatewayError && err.status === row.expectedStatus);
  });
}

test('an unreachable endpoint is upstream_unreachable', async () => {
  const source = new GoogleTokenSource({ fetch: async () => { throw new Error('ECONNREFUSED'); } });
  await assert.rejects(source.getAccessToken(SECRET), (err: unknown) => err instanceof GatewayError && err.kind === 'upstream_unreachable');
});

const PARSE_ROWS = [
  { name: 'not JSON', input: 'nope', message: /not valid JSON/ },
  { name: 'no client_email', input: JSON.stringify({ private_key: 'x' }), message: /client_email/ },
  { name: 'no private_key', input: JSON.stringify({ client_email: 'a@b' }), message: /private_key/ },
];
for (const row of PARSE_ROWS) {
  test(`parseServiceAccountKey rejects ${row.name}`, () => {
    assert.throws(() => parseServiceAccountKey(row.input), row.message);
  });
}
