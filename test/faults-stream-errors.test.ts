// Faults inside a 200 stream, against a real `serve` process: the provider's own error event in the
// middle of a stream or as its first frame (echoing the key it was sent), and a 200 whose body is an
// HTML page instead of the event stream asked for, and an error frame its own API's SDK could not
// read as one, which must reach the client re-rendered. The client must see its own framing and never
// the key; the request log must show the failure; a stream that failed before anything reached the
// client must not be committed: it fails over, or answers an error status.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { startStreamFaultUpstream, type StreamFaultUpstream } from './fakes/stream-fault-upstream';
import { findLoggedRequest } from './helpers/find-logged-request';

const ADMIN = 'admin-token-stream-faults';
// Not key-shaped on purpose: only the configured secret itself can be scrubbed.
const KEYS = { oa: 'oa-secret-7Qx9Lm2Pz4Wk', an: 'an-secret-3Rt8Vb6Nc1Ys', gm: 'gm-secret-5Hj2Kd9Fq7Ua' };
type Client = 'chat' | 'responses' | 'messages' | 'gemini';
let upstream: StreamFaultUpstream;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startStreamFaultUpstream();
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: KEYS.oa },
      { id: 'an', kind: 'anthropic', baseUrl: `${upstream.url}/v1`, apiKey: KEYS.an },
      { id: 'gm', kind: 'gemini', baseUrl: `${upstream.url}/v1beta`, apiKey: KEYS.gm },
      // A first-byte timeout shorter than the fake's keep-alive pause.
      { id: 'oa-quick', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: KEYS.oa, timeoutMs: 1_000 },
      { id: 'an-quick', kind: 'anthropic', baseUrl: `${upstream.url}/v1`, apiKey: KEYS.an, timeoutMs: 1_000 },
      { id: 'gm-quick', kind: 'gemini', baseUrl: `${upstream.url}/v1beta`, apiKey: KEYS.gm, timeoutMs: 1_000 },
    ],
    routes: ['oa', 'an', 'gm'].flatMap((p) => [
      { name: `html-then-ok-${p}`, strategy: 'fallback', targets: [`${p}/html`, `${p}/ok`] },
      { name: `error-first-then-ok-${p}`, strategy: 'fallback', targets: [`${p}/error-first`, `${p}/ok`] },
    ]),
    routing: { breaker: { failures: 1000, minRequests: 1000 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

function streamRequest(client: Client, model: string): { path: string; body: object } {
  if (client === 'chat') return { path: '/v1/chat/completions', body: { model, stream: true, messages: [{ role: 'user', content: 'hi' }] } };
  if (client === 'responses') return { path: '/v1/responses', body: { model, stream: true, input: 'hi' } };
  if (client === 'messages') return { path: '/v1/messages', body: { model, stream: true, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] } };
  return { path: `/v1beta/models/${encodeURIComponent(model)}:streamGenerateContent?alt=sse`, body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } };
}

async function send(client: Client, model: string): Promise<{ status: number; id: string; target: string | null; text: string }> {
  const { path, body } = streamRequest(client, model);
  const res = await fetch(gateway.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, id: res.headers.get('x-switchyard-request-id') ?? '', target: res.headers.get('x-switchyard-target'), text: await res.text() };
}

const logged = (id: string) => findLoggedRequest(gateway.url, ADMIN, (row) => row.id === id);

const ERROR_FRAMING: Record<Client, RegExp> = {
  chat: /data: \{"error":\{"message":"overloaded while serving key \[redacted\]/,
  responses: /"type":"(response\.failed|error)"[^\n]*overloaded while serving key \[redacted\]/,
  messages: /event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+_error","message":"overloaded while serving key \[redacted\]/,
  gemini: /data: \{"error":\{"code":\d+,"message":"overloaded while serving key \[redacted\]"/,
};

const ERROR_EVENT_ROWS = (['chat', 'responses', 'messages', 'gemini'] as const).flatMap((client) =>
  (['oa', 'an', 'gm'] as const).map((provider) => ({ name: `${client} client, ${provider} upstream`, client, provider })),
);

for (const row of ERROR_EVENT_ROWS) {
  test(`a provider error event mid-stream (${row.name}) reaches the client scrubbed, in its framing, and is logged as a failure`, async () => {
    const answer = await send(row.client, `${row.provider}/error-event`);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(!answer.text.includes(KEYS[row.provider]), `the key leaked to the client: ${answer.text}`);
    assert.match(answer.text, ERROR_FRAMING[row.client]);
    const entry = await logged(answer.id);
    assert.ok(!JSON.stringify(entry).includes(KEYS[row.provider]), 'the key leaked into the request log');
    assert.ok(entry.status >= 500, `logged with status ${entry.status}, not as a failure`);
    assert.equal(entry.attempts.length, 1);
    assert.ok(entry.attempts[0]!.error, 'the attempt carries no error');
  });
}

const HTML_ROWS = [
  { name: 'OpenAI chat client, OpenAI upstream', client: 'chat' as const, provider: 'oa', shape: (b: any) => typeof b.error?.message === 'string' && 'type' in b.error && 'code' in b.error },
  { name: 'Anthropic client, Anthropic upstream', client: 'messages' as const, provider: 'an', shape: (b: any) => b.type === 'error' && typeof b.error?.type === 'string' && typeof b.error?.message === 'string' },
  { name: 'Gemini client, Gemini upstream', client: 'gemini' as const, provider: 'gm', shape: (b: any) => b.error?.code === 502 && typeof b.error?.message === 'string' && typeof b.error?.status === 'string' },
];

for (const row of HTML_ROWS) {
  test(`a 200 HTML page for a stream (${row.name}) is an error in the client's format, not a committed stream`, async () => {
    const answer = await send(row.client, `${row.provider}/html`);
    assert.equal(answer.status, 502, answer.text);
    assert.ok(!answer.text.includes('<html>'), `the HTML page reached the client: ${answer.text}`);
    assert.ok(row.shape(JSON.parse(answer.text)), answer.text);
    assert.equal((await logged(answer.id)).status, 502);
  });

  test(`a keep-alive comment before the first event (${row.name}) still starts the stream within the first-byte timeout`, async () => {
    const answer = await send(row.client, `${row.provider}-quick/keepalive-then-ok`);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(answer.text.startsWith(': keep-alive\n\n'), answer.text);
    assert.match(answer.text, /hel/);
    assert.equal((await logged(answer.id)).status, 200);
  });

  test(`a 200 HTML page for a stream (${row.name}) fails over to the next target`, async () => {
    const answer = await send(row.client, `html-then-ok-${row.provider}`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.target, `${row.provider}/ok`);
    assert.ok(!answer.text.includes('<html>'), `the HTML page reached the client: ${answer.text}`);
    const entry = await logged(answer.id);
    assert.equal(entry.status, 200);
    assert.deepEqual(entry.attempts.map((a) => a.target), [`${row.provider}/html`, `${row.provider}/ok`]);
    assert.ok(entry.attempts[0]!.error);
    assert.equal(entry.attempts[1]!.error ?? null, null);
  });
}

const ERROR_SHAPE: Record<Client, (b: any) => boolean> = {
  chat: (b) => typeof b.error?.message === 'string' && 'type' in b.error && 'code' in b.error,
  responses: (b) => typeof b.error?.message === 'string' && 'type' in b.error && 'code' in b.error,
  messages: (b) => b.type === 'error' && typeof b.error?.type === 'string' && typeof b.error?.message === 'string',
  gemini: (b) => typeof b.error?.code === 'number' && typeof b.error?.message === 'string' && typeof b.error?.status === 'string',
};

for (const row of ERROR_EVENT_ROWS) {
  test(`an error event as the first frame (${row.name}) is an error status in the client's format, not a committed stream`, async () => {
    const answer = await send(row.client, `${row.provider}/error-first`);
    assert.ok(answer.status >= 500, `status ${answer.status}: ${answer.text}`);
    assert.ok(!answer.text.includes(KEYS[row.provider]), `the key leaked to the client: ${answer.text}`);
    assert.ok(ERROR_SHAPE[row.client](JSON.parse(answer.text)), answer.text);
    assert.match(answer.text, /overloaded while serving key \[redacted\]/);
    assert.equal((await logged(answer.id)).status, answer.status);
  });

  test(`an error event as the first frame (${row.name}) fails over to the next target`, async () => {
    const answer = await send(row.client, `error-first-then-ok-${row.provider}`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.target, `${row.provider}/ok`);
    assert.ok(!answer.text.includes('overloaded while serving key'), answer.text);
    const entry = await logged(answer.id);
    assert.equal(entry.status, 200);
    assert.equal(entry.attempts[0]!.target, `${row.provider}/error-first`);
    assert.ok(entry.attempts[0]!.error);
    assert.equal(entry.attempts.at(-1)!.target, `${row.provider}/ok`);
    assert.equal(entry.attempts.at(-1)!.error ?? null, null);
  });
}

/** Streams with the client format's official SDK; returns the error it threw (undefined: the stream seemed to end cleanly). */
async function sdkStreamError(client: 'chat' | 'messages' | 'gemini', model: string): Promise<unknown> {
  try {
    if (client === 'chat') {
      const sdk = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      for await (const chunk of await sdk.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] })) void chunk.choices[0]?.delta;
    } else if (client === 'messages') {
      const sdk = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
      for await (const event of await sdk.messages.create({ model, stream: true, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })) void event.type;
    } else {
      const sdk = new GoogleGenAI({ apiKey: 'unused', httpOptions: { baseUrl: gateway.url } });
      for await (const chunk of await sdk.models.generateContentStream({ model, contents: 'hi' })) void chunk.text;
    }
  } catch (err) {
    return err;
  }
  return undefined;
}

/** What the client's code reads off its SDK's error: its API's error type (or Google's status code) and message. */
const READ_SDK_ERROR: Record<'chat' | 'messages' | 'gemini', (err: any) => { typed: boolean; message: string }> = {
  chat: (err) => ({ typed: err instanceof OpenAI.APIError && typeof err.type === 'string', message: String(err?.error?.message) }),
  messages: (err) => ({ typed: err instanceof Anthropic.APIError && typeof err.type === 'string', message: String(err?.error?.error?.message) }),
  gemini: (err) => ({ typed: err?.name === 'ApiError' && err.status >= 500, message: String(err?.message) }),
};

const MALFORMED_ROWS = [
  { name: 'OpenAI chat SDK, OpenAI upstream: {"error": "<text>"}', client: 'chat' as const, provider: 'oa' as const },
  { name: 'Anthropic SDK, Anthropic upstream: an error event without an error object', client: 'messages' as const, provider: 'an' as const },
  { name: 'Google SDK, Gemini upstream: an error without a code', client: 'gemini' as const, provider: 'gm' as const },
];

for (const row of MALFORMED_ROWS) {
  test(`a malformed provider error frame mid-stream (${row.name}) reaches the SDK as its API's error, scrubbed, and is logged as an upstream failure`, async () => {
    const model = `${row.provider}/malformed-error`;
    const seen = READ_SDK_ERROR[row.client](await sdkStreamError(row.client, model));
    assert.ok(seen.typed, `the SDK did not report its API's error: ${JSON.stringify(seen)}`);
    assert.match(seen.message, /overloaded while serving key \[redacted\]/);
    const entry = await findLoggedRequest(gateway.url, ADMIN, (row) => row.model === model);
    assert.ok(entry.status >= 500, `logged as ${JSON.stringify(entry)}`);
    assert.deepEqual(entry.attempts.map((a) => a.error), ['upstream_error']);
    assert.ok(!JSON.stringify(entry).includes(KEYS[row.provider]), 'the key leaked into the request log');
  });
}
