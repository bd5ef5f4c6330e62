import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizeRequest } from './authorize';
import { parseAwsEndpoint, parseAwsSecret } from './aws-credentials';
import { GoogleTokenSource } from './google-service-account';
import { signRequestV4 } from './sigv4';

const REQ = { method: 'POST', url: 'https://api.example.test/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: '{}' };

const HEADER_ROWS = [
  { name: 'bearer', scheme: 'bearer', expected: { authorization: 'Bearer sk-1' } },
  { name: 'x-api-key', scheme: 'x-api-key', expected: { 'x-api-key': 'sk-1' } },
  { name: 'azure api-key', scheme: 'azure-api-key', expected: { 'api-key': 'sk-1' } },
  { name: 'Gemini key header', scheme: 'query-key', expected: { 'x-goog-api-key': 'sk-1' } },
  { name: 'none adds nothing', scheme: 'none', expected: {} },
] as const;

for (const row of HEADER_ROWS) {
  test(`authorizeRequest: ${row.name}`, async () => {
    const out = await authorizeRequest(row.scheme, 'sk-1', REQ);
    assert.equal(out.url, REQ.url);
    assert.deepEqual(out.headers, { 'content-type': 'application/json', ...row.expected });
  });
}

test('a missing secret leaves the request unauthenticated for every scheme', async () => {
  const out = await authorizeRequest('aws-sigv4', undefined, REQ);
  assert.deepEqual(out.headers, REQ.headers);
});

test('aws-sigv4 signs with the region and signing name taken from the Bedrock endpoint', async () => {
  const url = 'https://bedrock-runtime.eu-west-3.amazonaws.com/model/amazon.nova-pro-v1%3A0/converse';
  const now = new Date('2025-03-04T05:06:07Z');
  const out = await authorizeRequest('aws-sigv4', 'AKIDTEST:secretTEST', { ...REQ, url }, { now: () => now });
  // Recompute independently from the same inputs: the header must match exactly.
  const expected = signRequestV4({
    method: 'POST', path: '/model/amazon.nova-pro-v1%3A0/converse', query: '', body: '{}', service: 'bedrock', region: 'eu-west-3', now,
    headers: { 'content-type': 'application/json', host: 'bedrock-runtime.eu-west-3.amazonaws.com' },
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secretTEST' },
  });
  assert.equal(out.headers.authorization, expected.headers.authorization);
  assert.match(out.headers.authorization, /Credential=AKIDTEST\/20250304\/eu-west-3\/bedrock\/aws4_request/);
  assert.equal(out.headers['x-amz-date'], '20250304T050607Z');
  assert.equal(out.headers.host, undefined, 'fetch derives Host from the URL');
});

test('aws-sigv4 with a session token sends and signs x-amz-security-token', async () => {
  const secret = JSON.stringify({ accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 'tok', region: 'us-west-2' });
  const out = await authorizeRequest('aws-sigv4', secret, { ...REQ, url: 'http://127.0.0.1:9999/model/m/converse' });
  assert.equal(out.headers['x-amz-security-token'], 'tok');
  assert.match(out.headers.authorization, /\/us-west-2\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,/);
});

test('google-service-account sends the exchanged token as a bearer', async () => {
  const tokens = { getAccessToken: async () => 'ya29.abc' } as unknown as GoogleTokenSource;
  const out = await authorizeRequest('google-service-account', '{"client_email":"a","private_key":"b"}', REQ, { googleTokens: tokens });
  assert.equal(out.headers.authorization, 'Bearer ya29.abc');
});

const SECRET_ROWS = [
  { name: 'colon form with region', input: 'AK:SK:eu-central-1', expected: { accessKeyId: 'AK', secretAccessKey: 'SK', region: 'eu-central-1' } },
  { name: 'colon form without region', input: 'AK:SK', expected: { accessKeyId: 'AK', secretAccessKey: 'SK' } },
  { name: 'JSON form', input: '{"accessKeyId":"AK","secretAccessKey":"SK","sessionToken":"T"}', expected: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'T' } },
];
for (const row of SECRET_ROWS) {
  test(`parseAwsSecret: ${row.name}`, () => assert.deepEqual(parseAwsSecret(row.input), row.expected));
}
test('parseAwsSecret rejects a bare key', () => assert.throws(() => parseAwsSecret('AKONLY'), /ACCESS_KEY:SECRET_KEY/));

const ENDPOINT_ROWS = [
  { host: 'bedrock-runtime.us-east-1.amazonaws.com', expected: { service: 'bedrock', region: 'us-east-1' } },
  { host: 'bedrock-runtime-fips.us-gov-west-1.amazonaws.com', expected: { service: 'bedrock', region: 'us-gov-west-1' } },
  { host: 'sts.ap-southeast-2.amazonaws.com', expected: { service: 'sts', region: 'ap-southeast-2' } },
  { host: '127.0.0.1', expected: undefined },
];
for (const row of ENDPOINT_ROWS) {
  test(`parseAwsEndpoint ${row.host}`, () => assert.deepEqual(parseAwsEndpoint(row.host), row.expected));
}
