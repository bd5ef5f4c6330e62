// Upstream faults in the middle of a 200 stream, against a real `serve` process, seen through the
// official SDKs of every client format, from OpenAI, Anthropic, Gemini, Cohere and Bedrock
// upstreams: the socket closing after some text, a data line that is not JSON, every byte written
// on its own, a stream without usage. The client must get an error in its own API (never a stream
// that looks complete, never its SDK's own parse failure), the log must show the failure, a cost
// the stream never reported stays unknown, and nothing is retried once bytes went out. A whole JSON
// completion where a stream was asked for is no fault of the answer: it streams to the client.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { findLoggedRequest } from './helpers/find-logged-request';
import { LONG_TEXT, startMidstreamFaultUpstream, WIDE_TEXT, type MidstreamFaultUpstream } from './fakes/midstream-fault-upstream';

const ADMIN = 'admin-token-midstream-faults';
type Client = 'chat' | 'responses' | 'messages' | 'gemini';
const CLIENTS: Client[] = ['chat', 'responses', 'messages', 'gemini'];
const PROVIDERS = ['oa', 'an', 'gm', 'co', 'br'] as const;
const PRICE = { input: 1, output: 2 };
const IDLE_TIMEOUT_MS = 1_500;
let upstream: MidstreamFaultUpstream;
let gateway: SpawnedGateway;

before(async () => {
  upstream = await startMidstreamFaultUpstream();
  const prices = Object.fromEntries(['ok', 'cut', 'garbage', 'bytewise', 'no-usage', 'json-answer', 'json-answer-long', 'no-trailer', 'json-array'].map((m) => [m, PRICE]));
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'oa-key-midstream', prices, idleTimeoutMs: IDLE_TIMEOUT_MS },
      { id: 'an', kind: 'anthropic', baseUrl: `${upstream.url}/v1`, apiKey: 'an-key-midstream', prices, idleTimeoutMs: IDLE_TIMEOUT_MS },
      { id: 'gm', kind: 'gemini', baseUrl: `${upstream.url}/v1beta`, apiKey: 'gm-key-midstream', prices, idleTimeoutMs: IDLE_TIMEOUT_MS },
      { id: 'co', kind: 'cohere', baseUrl: upstream.url, apiKey: 'co-key-midstream', prices, idleTimeoutMs: IDLE_TIMEOUT_MS },
      { id: 'br', kind: 'bedrock', baseUrl: upstream.url, apiKey: 'AKIDFAKE:fake/secret+key:us-west-2', prices, idleTimeoutMs: IDLE_TIMEOUT_MS },
    ],
    routes: PROVIDERS.flatMap((p) => [
      { name: `cut-then-ok-${p}`, strategy: 'fallback', targets: [`${p}/cut`, `${p}/ok`] },
      { name: `json-error-then-ok-${p}`, strategy: 'fallback', targets: [`${p}/json-error`, `${p}/ok`] },
      { name: `json-answer-then-ok-${p}`, strategy: 'fallback', targets: [`${p}/json-answer`, `${p}/ok`] },
      { name: `json-answer-long-then-ok-${p}`, strategy: 'fallback', targets: [`${p}/json-answer-long`, `${p}/ok`] },
    ]).concat([{ name: 'json-array-then-ok-gm', strategy: 'fallback', targets: ['gm/json-array', 'gm/ok'] }]),
    routing: { breaker: { failures: 1000, minRequests: 1000 } },
  });
});

after(async () => {
  await gateway?.stop();
  await upstream?.close();
});

interface Seen {
  text: string;
  /** The stream's own word that it completed (finish reason, response.completed, message_stop). */
  completed: boolean;
  /** What the SDK threw, if it did. */
  error?: unknown;
  /** The `x-switchyard-target` and `x-switchyard-cache` response headers. */
  target?: string | null;
  cache?: string | null;
  /** Chat only: the output tokens of each usage chunk (`stream_options.include_usage`). */
  usageChunks?: number[];
}

interface StreamOptions {
  /** Chat only: ask for `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** Not for the Messages client, whose SDK types leave it out. */
  temperature?: number;
  prompt?: string;
}

/** Streams one answer with the client format's official SDK and reports what its caller would see. */
async function streamWithSdk(client: Client, model: string, options: StreamOptions = {}): Promise<Seen> {
  const seen: Seen = { text: '', completed: false };
  const prompt = options.prompt ?? 'hi';
  const { temperature } = options;
  const readHeaders = (headers: Headers) => {
    seen.target = headers.get('x-switchyard-target');
    seen.cache = headers.get('x-switchyard-cache');
  };
  try {
    if (client === 'chat') {
      const sdk = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const usage = options.includeUsage ? { stream_options: { include_usage: true } } : {};
      const { data, response } = await sdk.chat.completions.create({ model, stream: true, temperature, messages: [{ role: 'user', content: prompt }], ...usage }).withResponse();
      readHeaders(response.headers);
      seen.usageChunks = [];
      for await (const chunk of data) {
        seen.text += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.choices[0]?.finish_reason) seen.completed = true;
        if (chunk.usage) seen.usageChunks.push(chunk.usage.completion_tokens);
      }
    } else if (client === 'responses') {
      const sdk = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const { data, response } = await sdk.responses.create({ model, stream: true, temperature, input: prompt }).withResponse();
      readHeaders(response.headers);
      for await (const event of data) {
        if (event.type === 'response.output_text.delta') seen.text += event.delta;
        if (event.type === 'response.completed') seen.completed = true;
        if (event.type === 'response.failed' || event.type === 'error') seen.error ??= event;
      }
    } else if (client === 'messages') {
      const sdk = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
      const { data, response } = await sdk.messages.create({ model, stream: true, max_tokens: 50, messages: [{ role: 'user', content: prompt }] }).withResponse();
      readHeaders(response.headers);
      for await (const event of data) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') seen.text += event.delta.text;
        if (event.type === 'message_stop') seen.completed = true;
      }
    } else {
      const sdk = new GoogleGenAI({ apiKey: 'unused', httpOptions: { baseUrl: gateway.url } });
      for await (const chunk of await sdk.models.generateContentStream({ model, contents: prompt, config: { temperature } })) {
        seen.target ??= chunk.sdkHttpResponse?.headers?.['x-switchyard-target'] ?? null;
        seen.cache ??= chunk.sdkHttpResponse?.headers?.['x-switchyard-cache'] ?? null;
        seen.text += chunk.text ?? '';
        if (chunk.candidates?.[0]?.finishReason) seen.completed = true;
      }
    }
  } catch (err) {
    seen.error = err;
  }
  return seen;
}

/** An error the SDK reports as its API's error, not a JSON.parse failure inside the SDK. */
function isApiError(client: Client, error: unknown): boolean {
  if (client === 'chat') return error instanceof OpenAI.APIError;
  if (client === 'responses') return (error as { type?: string })?.type === 'response.failed' || (error as { type?: string })?.type === 'error' || error instanceof OpenAI.APIError;
  if (client === 'messages') return error instanceof Anthropic.APIError;
  return error instanceof Error && error.name === 'ApiError';
}

interface Logged {
  id: string;
  model: string;
  target: string | null;
  status: number;
  outputTokens: number | null;
  costUsd: number | null;
  error: string | null;
  attempts: Array<{ target: string; status: number | null; error: string | null }>;
}

/** The newest logged request for `model`, once it is there. */
const loggedFor = (model: string, after: Set<string>) => findLoggedRequest(gateway.url, ADMIN, (r) => r.model === model && !after.has(r.id));

async function loggedIds(): Promise<Set<string>> {
  const res = await fetch(`${gateway.url}/api/requests?limit=200`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return new Set(((await res.json()) as { requests: Logged[] }).requests.map((r) => r.id));
}

const ROWS = CLIENTS.flatMap((client) => PROVIDERS.map((provider) => ({ name: `${client} client, ${provider} upstream`, client, provider })));

for (const row of ROWS) {
  test(`a stream whose socket closes after some text (${row.name}) is an API error, logged as a failure with its cost unknown, and not retried`, async () => {
    const model = `${row.provider}/cut`;
    const before = await loggedIds();
    const calls = upstream.calls.get('cut') ?? 0;
    const seen = await streamWithSdk(row.client, model);
    assert.ok(isApiError(row.client, seen.error), `the SDK saw ${String(seen.error)} after ${JSON.stringify(seen.text)}`);
    assert.equal(seen.completed, false);
    const entry = await loggedFor(model, before);
    assert.equal(entry.status, 502);
    assert.equal(entry.attempts.length, 1);
    assert.equal(entry.attempts[0]!.error, 'upstream_error');
    // Gemini reports running totals with every chunk: what a cut stream reported is not its cost.
    assert.equal(entry.outputTokens, null, 'the output of a cut stream is unknown');
    assert.equal(entry.costUsd, null, 'the cost of a cut stream is unknown, not what its first chunks reported');
    assert.equal(upstream.calls.get('cut'), calls + 1, 'a stream that reached the client was retried');
  });

  test(`a data line that is not JSON (${row.name}) is an API error, never the SDK's own parse failure or a clean end, and is logged as a failure`, async () => {
    const model = `${row.provider}/garbage`;
    const before = await loggedIds();
    const seen = await streamWithSdk(row.client, model);
    assert.ok(isApiError(row.client, seen.error), `the SDK saw ${seen.error instanceof Error ? `${seen.error.name}: ${seen.error.message}` : JSON.stringify(seen.error)} after ${JSON.stringify(seen.text)}`);
    assert.equal(seen.completed, false);
    assert.ok(!seen.text.includes('lost'), seen.text);
    const entry = await loggedFor(model, before);
    assert.equal(entry.status, 502);
    assert.equal(entry.attempts.length, 1);
    assert.equal(entry.attempts[0]!.error, 'upstream_error');
  });
}

for (const client of CLIENTS) {
  test(`a stream that stalls after some text (${client} client, every upstream wire) ends with an API error once idleTimeoutMs passes, logged as a timeout`, async () => {
    await Promise.all(PROVIDERS.map(async (provider) => {
      const model = `${provider}/stall`;
      const before = await loggedIds();
      const started = Date.now();
      const seen = await streamWithSdk(client, model);
      const waited = Date.now() - started;
      assert.ok(isApiError(client, seen.error), `${model}: the SDK saw ${String(seen.error)} after ${JSON.stringify(seen.text)}`);
      assert.equal(seen.completed, false);
      // undici checks its body timer about once a second.
      assert.ok(waited >= IDLE_TIMEOUT_MS - 100 && waited < IDLE_TIMEOUT_MS + 5_000, `${model}: waited ${waited} ms`);
      const entry = await loggedFor(model, before);
      assert.equal(entry.status, 502);
      assert.deepEqual(entry.attempts.map((a) => a.error), ['upstream_timeout']);
      assert.equal(entry.costUsd, null);
    }));
  });
}

const ERROR_MESSAGE: Record<Client, (error: unknown) => string> = {
  chat: (e) => (e instanceof OpenAI.APIError ? e.message : ''),
  responses: (e) => (e instanceof OpenAI.APIError ? e.message : ''),
  messages: (e) => (e instanceof Anthropic.APIError ? e.message : ''),
  gemini: (e) => (e instanceof Error && e.name === 'ApiError' ? e.message : ''),
};

for (const row of ROWS) {
  test(`a 200 JSON error body where a stream was asked for (${row.name}) is an error status carrying the upstream's message`, async () => {
    const model = `${row.provider}/json-error`;
    const before = await loggedIds();
    const seen = await streamWithSdk(row.client, model);
    assert.ok(((seen.error as { status?: number })?.status ?? 0) >= 500, String(seen.error));
    assert.match(ERROR_MESSAGE[row.client](seen.error), /the model is overloaded/);
    const entry = await loggedFor(model, before);
    assert.equal(entry.status, (seen.error as { status?: number }).status);
    assert.match(entry.error ?? '', /the model is overloaded/);
  });
}

for (const row of ROWS) {
  test(`every byte in its own write, CRLF pairs and UTF-8 characters split (${row.name}), arrives whole and priced`, async () => {
    const model = `${row.provider}/bytewise`;
    const before = await loggedIds();
    const seen = await streamWithSdk(row.client, model);
    assert.equal(seen.error, undefined);
    assert.equal(seen.text, WIDE_TEXT);
    assert.equal(seen.completed, true);
    const entry = await loggedFor(model, before);
    assert.equal(entry.status, 200);
    assert.equal(entry.outputTokens, 3);
    assert.equal(entry.costUsd, (10 * PRICE.input + 3 * PRICE.output) / 1e6);
  });
}

for (const row of ROWS) {
  test(`a route does not fail over once a stream reached the client, and does before its first byte (${row.name})`, async () => {
    const before = await loggedIds();
    const calls = upstream.calls.get('ok') ?? 0;
    const cut = await streamWithSdk(row.client, `cut-then-ok-${row.provider}`);
    assert.ok(isApiError(row.client, cut.error), String(cut.error));
    const cutEntry = await loggedFor(`cut-then-ok-${row.provider}`, before);
    assert.deepEqual(cutEntry.attempts.map((a) => a.target), [`${row.provider}/cut`]);
    assert.equal(upstream.calls.get('ok') ?? 0, calls, 'the next target was called after bytes reached the client');

    // A 200 JSON error body where a stream was asked for: nothing reached the client yet.
    const saved = await streamWithSdk(row.client, `json-error-then-ok-${row.provider}`);
    assert.equal(saved.error, undefined, String(saved.error));
    assert.equal(saved.text, WIDE_TEXT);
    const savedEntry = await loggedFor(`json-error-then-ok-${row.provider}`, before);
    assert.equal(savedEntry.status, 200);
    assert.deepEqual(savedEntry.attempts.map((a) => [a.target, a.error]), [[`${row.provider}/json-error`, 'upstream_error'], [`${row.provider}/ok`, null]]);
  });
}

for (const row of ROWS) {
  for (const [fault, text] of [['json-answer', WIDE_TEXT], ['json-answer-long', LONG_TEXT]] as const) {
    test(`a whole 200 JSON completion where a stream was asked for (${fault}, ${row.name}) streams to the client, priced and logged as a success, with no failover`, async () => {
      const route = `${fault}-then-ok-${row.provider}`;
      const before = await loggedIds();
      const calls = upstream.calls.get('ok') ?? 0;
      const seen = await streamWithSdk(row.client, route);
      assert.equal(seen.error, undefined, String(seen.error));
      assert.ok(seen.text === text, `streamed ${seen.text.length} characters: ${seen.text.slice(0, 40)}`);
      assert.equal(seen.completed, true, 'the stream never finished');
      assert.equal(seen.target, `${row.provider}/${fault}`);
      const entry = await loggedFor(route, before);
      assert.equal(entry.status, 200);
      assert.equal(entry.target, `${row.provider}/${fault}`);
      assert.deepEqual(entry.attempts.map((a) => [a.target, a.error]), [[`${row.provider}/${fault}`, null]]);
      assert.equal(entry.outputTokens, 3);
      assert.equal(entry.costUsd, (10 * PRICE.input + 3 * PRICE.output) / 1e6);
      assert.equal(upstream.calls.get('ok') ?? 0, calls, 'the route failed over from a good answer');
    });
  }
}

// Gemini's other stream form, a JSON array of chunks (a server that ignores `alt=sse`): one answer,
// streamed to each client in its own framing (the Gemini client's by pass-through), logged and priced.
for (const client of CLIENTS) {
  test(`a Gemini stream sent as a JSON array of chunks (alt=sse ignored) streams to a ${client} client, priced and logged as a success, with no failover`, async () => {
    const route = 'json-array-then-ok-gm';
    const before = await loggedIds();
    const calls = upstream.calls.get('ok') ?? 0;
    const seen = await streamWithSdk(client, route);
    assert.equal(seen.error, undefined, String(seen.error));
    assert.equal(seen.text, WIDE_TEXT, 'the chunks\' text, concatenated');
    assert.equal(seen.completed, true, 'the stream never finished');
    assert.equal(seen.target, 'gm/json-array');
    const entry = await loggedFor(route, before);
    assert.equal(entry.status, 200);
    assert.deepEqual(entry.attempts.map((a) => [a.target, a.error]), [['gm/json-array', null]]);
    assert.equal(entry.outputTokens, 3, 'usage from the last chunk reporting it, not the first');
    assert.equal(entry.costUsd, (10 * PRICE.input + 3 * PRICE.output) / 1e6);
    assert.equal(upstream.calls.get('ok') ?? 0, calls, 'the route failed over from a good answer');
  });
}

test('a whole JSON completion streamed to a Chat client carries a usage chunk only when include_usage asked for one (pass-through and translated)', async () => {
  for (const provider of ['oa', 'an']) {
    const asked = await streamWithSdk('chat', `${provider}/json-answer`, { includeUsage: true });
    assert.equal(asked.error, undefined, String(asked.error));
    assert.equal(asked.text, WIDE_TEXT);
    assert.deepEqual(asked.usageChunks, [3], provider);
    const unasked = await streamWithSdk('chat', `${provider}/json-answer`);
    assert.equal(unasked.text, WIDE_TEXT);
    assert.deepEqual(unasked.usageChunks, [], provider);
  }
});

test('a whole JSON completion streamed to the client is cached and ledgered like any answer: the same request is then a replayed hit', async () => {
  for (const [client, provider] of [['chat', 'oa'], ['responses', 'an'], ['gemini', 'oa']] as const) {
    const model = `${provider}/json-answer`;
    const options = { temperature: 0, prompt: `cache me (${client} via ${provider})` };
    const calls = upstream.calls.get('json-answer') ?? 0;
    const first = await streamWithSdk(client, model, options);
    assert.equal(first.text, WIDE_TEXT);
    assert.equal(first.cache, null);
    let hit: Seen | undefined;
    // The answer is stored off the client's path, on a later tick.
    for (let i = 0; i < 50 && hit?.cache !== 'hit'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      hit = await streamWithSdk(client, model, options);
    }
    assert.equal(hit?.cache, 'hit', `${client} via ${provider}`);
    assert.equal(hit.text, WIDE_TEXT);
    assert.equal(hit.completed, true);
    assert.equal(upstream.calls.get('json-answer'), calls + 1, 'the hit went upstream');
    const entry = await loggedFor(model, new Set());
    const ledger = await fetch(`${gateway.url}/api/ledger`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const saved = ((await ledger.json()) as { entries: Array<{ requestId: string; method: string; savedUsd: number }> }).entries.find((e) => e.requestId === entry.id);
    assert.deepEqual(saved && { method: saved.method, savedUsd: saved.savedUsd }, { method: 'response_cache', savedUsd: (10 * PRICE.input + 3 * PRICE.output) / 1e6 });
  }
});

test('a stream that ends cleanly without usage is a success whose cost stays unknown, not $0', async () => {
  for (const client of CLIENTS) {
    // Not Anthropic: it always reports usage in message_start, and its SDK depends on that.
    for (const provider of ['oa', 'gm', 'co', 'br']) {
      const model = `${provider}/no-usage`;
      const before = await loggedIds();
      const seen = await streamWithSdk(client, model);
      assert.equal(seen.error, undefined, `${client}: ${String(seen.error)}`);
      assert.equal(seen.text, WIDE_TEXT);
      const entry = await loggedFor(model, before);
      assert.equal(entry.status, 200);
      assert.equal(entry.costUsd, null, `${client} → ${model}`);
    }
  }
});

test('a Bedrock stream that ends cleanly after messageStop, without its metadata event, is complete: a success whose cost stays unknown', async () => {
  for (const client of CLIENTS) {
    const model = 'br/no-trailer';
    const before = await loggedIds();
    const seen = await streamWithSdk(client, model);
    assert.equal(seen.error, undefined, `${client}: ${String(seen.error)}`);
    assert.equal(seen.text, WIDE_TEXT);
    assert.equal(seen.completed, true, client);
    const entry = await loggedFor(model, before);
    assert.deepEqual([entry.status, entry.error, entry.outputTokens, entry.costUsd], [200, null, null, null], client);
  }
});

test('the gateway is still up after every fault', async () => {
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
  assert.equal(gateway.child.exitCode, null);
});
