import assert from 'node:assert/strict';
import { test } from 'node:test';
import suiteJson from './fixtures/sigv4-test-suite.json';
import { deriveSigningKey, formatAmzDate, signRequestV4 } from './sigv4';

interface SuiteCase { name: string; method: string; path: string; headers: Record<string, string>; body: string; sessionToken?: string; canonicalRequest: string; stringToSign: string; authorization: string }
const suite = suiteJson as unknown as { credentials: { accessKeyId: string; secretAccessKey: string }; region: string; service: string; date: string; cases: SuiteCase[] };

// Every row is one case of AWS's published SigV4 test suite: canonical request, string to sign and
// Authorization header must all match byte for byte.
for (const row of suite.cases) {
  test(`SigV4 test suite: ${row.name}`, () => {
    const q = row.path.indexOf('?');
    const result = signRequestV4({
      method: row.method,
      path: q < 0 ? row.path : row.path.slice(0, q),
      query: q < 0 ? '' : row.path.slice(q + 1),
      headers: row.headers,
      body: row.body,
      service: suite.service,
      region: suite.region,
      credentials: { ...suite.credentials, sessionToken: row.sessionToken },
      now: new Date(suite.date),
    });
    assert.equal(result.canonicalRequest, row.canonicalRequest);
    assert.equal(result.stringToSign, row.stringToSign);
    assert.equal(result.headers.authorization, row.authorization);
  });
}

test('signing key derivation matches the documented example (20120215/us-east-1/iam)', () => {
  const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
  assert.equal(key.toString('hex'), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
});

test('an already-encoded path segment is encoded again, as non-S3 services require', () => {
  const result = signRequestV4({
    method: 'POST',
    path: '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse',
    query: '',
    headers: { host: 'bedrock-runtime.us-east-1.amazonaws.com', 'content-type': 'application/json' },
    body: '{}',
    service: 'bedrock',
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    now: new Date('2025-01-02T03:04:05Z'),
  });
  assert.equal(result.canonicalRequest.split('\n')[1], '/model/anthropic.claude-3-5-haiku-20241022-v1%253A0/converse');
  assert.equal(result.headers['x-amz-date'], '20250102T030405Z');
  assert.match(result.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKID\/20250102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/);
});

test('transport-managed headers are left unsigned', () => {
  const result = signRequestV4({
    method: 'POST', path: '/', query: '', body: 'x', service: 's', region: 'r', now: new Date(0),
    headers: { host: 'h', 'content-length': '1', 'user-agent': 'ua', Connection: 'keep-alive' },
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  assert.match(result.headers.authorization, /SignedHeaders=host;x-amz-date,/);
});

test('formatAmzDate drops separators and milliseconds', () => {
  assert.equal(formatAmzDate(new Date('2015-08-30T12:36:00.123Z')), '20150830T123600Z');
});
