// Property-based fuzzing of every endpoint of a real `switchyard serve` process: malformed JSON,
// wrong types, unknown fields, invalid UTF-8, huge and deeply nested bodies. Whatever arrives, the
// answer is never a 5xx, its error body has the shape of the API called, and the process survives.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { request } from 'undici';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { startPermissiveUpstream, type PermissiveUpstream } from './fakes/permissive-upstream';
import { assertErrorShape, type ErrorShape } from './helpers/assert-error-shape';

const CLIENT_KEY = 'sy-fuzz-client-0123456789';
const ADMIN = 'fuzz-admin-token-0123456789';
const MAX_BODY = 256 * 1024;
const RUNS = 25;

interface Endpoint {
  name: string;
  method: 'POST' | 'PUT';
  path: string;
  shape: ErrorShape;
  headers: Record<string, string>;
  /** A valid body, mutated by the properties. */
  valid: Record<string, unknown>;
}

const bearer = { authorization: `Bearer ${CLIENT_KEY}` };
const ENDPOINTS: Endpoint[] = [
  { name: 'chat completions', method: 'POST', path: '/v1/chat/completions', shape: 'openai', headers: bearer, valid: { model: 'fuzz', messages: [{ role: 'user', content: 'hi' }] } },
  { name: 'responses', method: 'POST', path: '/v1/responses', shape: 'openai', headers: bearer, valid: { model: 'fuzz', input: 'hi' } },
  { name: 'messages', method: 'POST', path: '/v1/messages', shape: 'anthropic', headers: { 'x-api-key': CLIENT_KEY }, valid: { model: 'fuzz', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] } },
  { name: 'count_tokens', method: 'POST', path: '/v1/messages/count_tokens', shape: 'anthropic', headers: { 'x-api-key': CLIENT_KEY }, valid: { model: 'fuzz', messages: [{ role: 'user', content: 'hi' }] } },
  { name: 'gemini generateContent', method: 'POST', path: '/v1beta/models/fuzz:generateContent', shape: 'gemini', headers: { 'x-goog-api-key': CLIENT_KEY }, valid: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } },
  { name: 'gemini streamGenerateContent', method: 'POST', path: '/v1beta/models/fuzz:streamGenerateContent?alt=sse', shape: 'gemini', headers: { 'x-goog-api-key': CLIENT_KEY }, valid: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } },
  { name: 'embeddings', method: 'POST', path: '/v1/embeddings', shape: 'openai', headers: bearer, valid: { model: 'emb', input: 'hi' } },
  { name: 'admin: create client', method: 'POST', path: '/api/clients', shape: 'openai', headers: { authorization: `Bearer ${ADMIN}` }, valid: { name: 'fuzzed' } },
  { name: 'admin: switch profile', method: 'PUT', path: '/api/profile', shape: 'openai', headers: { authorization: `Bearer ${ADMIN}` }, valid: { name: null } },
  { name: 'admin: edit route', method: 'PUT', path: '/api/routes/fuzz2', shape: 'openai', headers: { authorization: `Bearer ${ADMIN}` }, valid: { strategy: 'fallback', targets: ['up/m'] } },
];

let upstream: PermissiveUpstream;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startPermissiveUpstream();
  gateway = await spawnGateway({
    adminToken: ADMIN,
    maxBodyBytes: MAX_BODY,
    providers: [{ id: 'up', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-fuzz-upstream-0123456789', prices: { m: { input: 1, output: 2 } } }],
    routes: [{ name: 'fuzz', strategy: 'fallback', targets: ['up/m'] }, { name: 'emb', strategy: 'fallback', targets: ['up/e'] }],
    clients: [{ name: 'fuzzer', key: CLIENT_KEY }],
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function send(endpoint: Endpoint, body: string | Uint8Array): Promise<{ status: number; text: string }> {
  const res = await request(gateway.url + endpoint.path, { method: endpoint.method, headers: { 'content-type': 'application/json', ...endpoint.headers }, body });
  return { status: res.statusCode, text: await res.body.text() };
}

async function expectHandled(endpoint: Endpoint, body: string | Uint8Array): Promise<number> {
  const { status, text } = await send(endpoint, body);
  const shown = typeof body === 'string' ? body.slice(0, 200) : `<${body.length} bytes>`;
  assert.ok(status < 500, `${endpoint.name}: ${status} for ${shown}: ${text.slice(0, 300)}`);
  if (status >= 400) assertErrorShape(endpoint.shape, status, text, `${endpoint.name} ${status} for ${shown}`);
  return status;
}

const jsonValue = fc.jsonValue({ maxDepth: 4 });
/** A valid body with some fields replaced by values of any type, and unknown fields added. */
const mutated = (valid: Record<string, unknown>) =>
  fc.tuple(fc.subarray(Object.keys(valid)), fc.array(jsonValue, { minLength: 4, maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 3 })).map(([keys, values, extra]) => {
    const out: Record<string, unknown> = { ...extra, ...valid };
    keys.forEach((key, i) => (out[key] = values[i % values.length]));
    return out;
  });

for (const endpoint of ENDPOINTS) {
  test(`fuzz ${endpoint.name}: malformed JSON text is a 4xx in the API's error shape`, async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), async (text) => {
      await expectHandled(endpoint, text);
    }), { numRuns: RUNS });
  });

  test(`fuzz ${endpoint.name}: any JSON value, wrong types and unknown fields never cause a 5xx`, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(jsonValue, mutated(endpoint.valid)), async (value) => {
      await expectHandled(endpoint, JSON.stringify(value));
    }), { numRuns: RUNS * 2 });
  });

  test(`fuzz ${endpoint.name}: invalid UTF-8 inside a string is handled`, async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => b.map((x) => x | 0x80)), async (bytes) => {
      const text = JSON.stringify(endpoint.valid);
      const at = text.indexOf('hi') >= 0 ? text.indexOf('hi') : text.indexOf('"', 1) + 1;
      const body = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
      await expectHandled(endpoint, body);
    }), { numRuns: RUNS });
  });

  test(`fuzz ${endpoint.name}: a body past the size limit is refused with 413`, async () => {
    const huge = JSON.stringify({ ...endpoint.valid, padding: 'x'.repeat(MAX_BODY + (endpoint.path.startsWith('/api/') ? 1024 * 1024 : 0)) });
    assert.equal(await expectHandled(endpoint, huge), 413);
  });
}

test('deeply nested bodies: 100,000 levels are refused with 400 on every client endpoint, the gateway survives', async () => {
  const deep = '{"model":"fuzz","messages":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
  for (const endpoint of ENDPOINTS.filter((e) => !e.path.startsWith('/api/'))) {
    assert.equal(await expectHandled(endpoint, deep), 400, endpoint.name);
  }
  for (const endpoint of ENDPOINTS.filter((e) => e.path.startsWith('/api/'))) await expectHandled(endpoint, deep);
});

test('nesting at the limit is accepted, one past it is refused', async () => {
  const chat = ENDPOINTS[0]!;
  const nest = (levels: number) => JSON.stringify({ ...chat.valid, metadata_extra: JSON.parse('['.repeat(levels) + ']'.repeat(levels)) });
  // The body object itself is one level: 127 more make 128.
  assert.notEqual((await send(chat, nest(127))).status, 400);
  const refused = await send(chat, nest(128));
  assert.equal(refused.status, 400);
  assert.match(refused.text, /nests deeper than 128/);
});

test('after the fuzzing the gateway process is still alive and healthy', async () => {
  assert.equal(gateway.child.exitCode, null);
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
  assert.doesNotMatch(gateway.output(), /request failed inside the gateway|admin request failed/);
});
