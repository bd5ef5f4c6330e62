// Property-based fuzzing of what upstreams answer, against a real `serve` process: for every wire
// Switchyard speaks upstream (OpenAI chat, Anthropic, Gemini, Cohere, Bedrock; the Responses API is
// a client format only), streaming or not, a fake upstream answers with plausibly shaped garbage
// (see fakes/garbage-reply-arbitraries.ts) and a client of each format asks. Whatever the upstream
// said: never an internal error, an error body in the client's own API shape, the process stays up,
// every request is logged, and a cost is never negative or NaN. A failure prints its seed;
// FUZZ_SEED and FUZZ_RUNS replay or widen a run.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { request } from 'undici';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { findLoggedRequest } from './helpers/find-logged-request';
import { assertErrorShape, type ErrorShape } from './helpers/assert-error-shape';
import { startGarbageUpstream, type GarbageReply, type GarbageUpstream } from './fakes/garbage-upstream';
import { describeReply, garbageReply } from './fakes/garbage-reply-arbitraries';
import type { Wire } from './fakes/midstream-fault-upstream';

const ADMIN = 'admin-token-upstream-fuzz';
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PROVIDER: Record<Wire, string> = { openai: 'oa', anthropic: 'an', gemini: 'gm', cohere: 'co', bedrock: 'br' };
type Client = 'chat' | 'responses' | 'messages' | 'gemini';
const CLIENTS: Client[] = ['chat', 'responses', 'messages', 'gemini'];
const SHAPE: Record<Client, ErrorShape> = { chat: 'openai', responses: 'openai', messages: 'anthropic', gemini: 'gemini' };
let upstream: GarbageUpstream;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startGarbageUpstream();
  const prices = { m: { input: 1, output: 2 } };
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'oa-key-fuzz', prices },
      { id: 'an', kind: 'anthropic', baseUrl: `${upstream.url}/v1`, apiKey: 'an-key-fuzz', prices },
      { id: 'gm', kind: 'gemini', baseUrl: `${upstream.url}/v1beta`, apiKey: 'gm-key-fuzz', prices },
      { id: 'co', kind: 'cohere', baseUrl: upstream.url, apiKey: 'co-key-fuzz', prices },
      { id: 'br', kind: 'bedrock', baseUrl: upstream.url, apiKey: 'AKIDFAKE:fake/secret+key:us-west-2', prices },
    ],
    // One attempt, no breaker, no cool-down: every request reaches the fake and sees its garbage. A
    // refused key (a garbage 401/403) opens its breaker at once; 1 ms later the next request asks again.
    routing: { maxAttempts: 1, rateLimitCooldownMs: 0, retryAfterCapMs: 0, breaker: { failures: 1_000_000, minRequests: 1_000_000, cooldownMs: 1 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

function clientRequest(client: Client, model: string, stream: boolean): { path: string; body: object; headers: Record<string, string> } {
  const messages = [{ role: 'user', content: 'hi' }];
  if (client === 'chat') return { path: '/v1/chat/completions', body: { model, stream, messages }, headers: {} };
  if (client === 'responses') return { path: '/v1/responses', body: { model, stream, input: 'hi' }, headers: {} };
  if (client === 'messages') return { path: '/v1/messages', body: { model, stream, max_tokens: 50, messages }, headers: { 'anthropic-version': '2023-06-01' } };
  const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { path: `/v1beta/models/${model}:${method}`, body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, headers: {} };
}

/** The request's log row, or undefined when it never appears (asserted by the caller, with its context). */
const loggedRow = (id: string) => findLoggedRequest(gateway.url, ADMIN, (r) => r.id === id).catch(() => undefined);

/** Every SSE data line the gateway wrote parses as JSON (OpenAI's `[DONE]` aside). */
function assertSseFraming(text: string, context: string): void {
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    // An empty data field dispatches no event (WHATWG SSE), so a passed-through one is harmless.
    if (data === '[DONE]' || data === '') continue;
    assert.doesNotThrow(() => JSON.parse(data), `${context}: a data line is not JSON: ${data.slice(0, 200)}`);
  }
}

/** The stream's events: each one's name (if any) and its data parsed (null when it is not JSON). */
function sseEvents(text: string): Array<{ event?: string; data: any }> {
  const events: Array<{ event?: string; data: any }> = [];
  let event: string | undefined;
  let data: string[] = [];
  // CR, LF and CRLF all end a line (WHATWG SSE), and a blank line ends an event.
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    else if (line === '' && (event !== undefined || data.length > 0)) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(data.join('\n'));
      } catch {
        // Not JSON: kept as null.
      }
      events.push({ event, data: parsed });
      [event, data] = [undefined, []];
    }
  }
  return events;
}

/** Each client API's own in-stream error. */
const STREAM_ERROR: Record<Client, (data: any) => boolean> = {
  chat: (d) => typeof d?.error?.message === 'string',
  responses: (d) => (d?.type === 'response.failed' && typeof d.response?.error?.message === 'string') || (d?.type === 'error' && typeof d.message === 'string'),
  messages: (d) => d?.type === 'error' && typeof d.error?.message === 'string',
  gemini: (d) => typeof d?.error?.message === 'string' && typeof d.error.code === 'number',
};

async function checkOne(wire: Wire, stream: boolean, client: Client, reply: GarbageReply): Promise<void> {
  upstream.setReply(reply);
  const outputBefore = gateway.output().length;
  const model = `${PROVIDER[wire]}/m`;
  const { path, body, headers } = clientRequest(client, model, stream);
  const res = await request(gateway.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const text = await res.body.text();
  const context = `${client} client, ${wire} upstream, stream=${stream}, gateway said ${res.statusCode} ${text.slice(0, 300)}; upstream said ${describeReply(reply)}`;
  // What the gateway logged of this request: an internal error's stack says which decoder threw.
  const logged = () => gateway.output().slice(outputBefore).slice(0, 3000);
  assert.doesNotMatch(text, /internal gateway error/, `${context}\ngateway log: ${logged()}`);
  if (res.statusCode >= 400) assertErrorShape(SHAPE[client], res.statusCode, text, context);
  else if (String(res.headers['content-type']).startsWith('text/event-stream')) assertSseFraming(text, context);
  else assert.doesNotThrow(() => JSON.parse(text), `${context}: the answer is not JSON`);

  const id = res.headers['x-switchyard-request-id'];
  assert.equal(typeof id, 'string', `${context}: no request id`);
  const row = await loggedRow(id as string);
  assert.ok(row, `${context}: request ${String(id)} was not logged`);
  // A stream that failed after its 200 went out is logged with the failure's status.
  const streamFailed = stream && res.statusCode === 200 && row.status >= 400;
  assert.ok(row.status === res.statusCode || streamFailed, `${context}: logged as ${row.status}`);
  // A pass-through forwards the provider's own error event as it came (Anthropic's `event: error`).
  const saysFailed = (e: { event?: string; data: any }) => STREAM_ERROR[client](e.data) || (client === 'messages' && e.event === 'error');
  if (streamFailed) assert.ok(sseEvents(text).some(saysFailed), `${context}: a failed stream carried no error in the client's framing`);
  assert.notEqual(row.error, 'internal gateway error', context);
  assert.ok(row.attempts.every((a) => a.error !== 'internal'), `${context}: attempts ${JSON.stringify(row.attempts)}`);
  // A stream's failures that carry no network error code (a TypeError in a decoder) are logged
  // as an unreachable upstream: that label on a reply the upstream did send hides a gateway fault.
  assert.doesNotMatch(row.error ?? '', /\(connection failed\)/, context);
  for (const count of [row.inputTokens, row.outputTokens]) assert.ok(count === null || (Number.isSafeInteger(count) && count >= 0), `${context}: token count ${count}`);
  assert.ok(row.costUsd === null || (Number.isFinite(row.costUsd) && row.costUsd >= 0), `${context}: cost ${row.costUsd}`);
  assert.doesNotMatch(logged(), /request failed inside the gateway|uncaught|unhandled/i, context);
}

for (const wire of Object.keys(PROVIDER) as Wire[]) {
  for (const stream of [false, true]) {
    test(`fuzz ${wire} upstream, ${stream ? 'streaming' : 'non-streaming'}: garbage is an upstream error in the client's own format, logged, never internal`, async () => {
      const property = fc.asyncProperty(garbageReply(wire, stream), fc.constantFrom(...CLIENTS), (reply, client) => checkOne(wire, stream, client, reply));
      await fc.assert(property, { numRuns: RUNS, seed: SEED, endOnFailure: true }).catch((err: Error) => {
        // The failed assertion itself, not only the seed and counterexample fast-check reports.
        throw new Error(`${err.message}\n${err.cause instanceof Error ? err.cause.message : ''}`);
      });
    });
  }
}

test('after the fuzzing the gateway is still up and answering', async () => {
  assert.equal(gateway.child.exitCode, null);
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
  // A few rate-limit answers rest the key for a moment: those requests never reach the upstream.
  assert.ok(upstream.calls() >= RUNS * 9, `only ${upstream.calls()} requests reached the upstream`);
});
