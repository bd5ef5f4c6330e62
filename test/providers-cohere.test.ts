// Cohere v2 Chat against a fake process: path, bearer auth, body, and the SSE stream.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CanonicalRequest, StreamEvent } from '../proxy/formats/canonical';
import { authorizeRequest } from '../proxy/providers/auth/authorize';
import { findCatalogEntry } from '../proxy/providers/catalog';
import { cohereCodec } from '../proxy/providers/cohere/cohere-codec';
import { SseParser } from '../proxy/upstream/sse-parser';
import { type RunningFake, startProviderFake } from './fakes/start-provider-fake';

let fake: RunningFake;
before(async () => {
  fake = await startProviderFake();
});
after(async () => {
  await fake.stop();
});

const REQUEST: CanonicalRequest = { model: 'cohere/command-a-03-2025', messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hello' }] }], stream: false };

async function send(request: CanonicalRequest, key: string) {
  const entry = findCatalogEntry('cohere');
  assert.equal(entry?.wire, 'cohere');
  const call = cohereCodec.encodeRequest(request, 'command-a-03-2025');
  const body = JSON.stringify(call.body);
  const auth = await authorizeRequest(entry!.auth, key, { method: 'POST', url: `${fake.origin}${call.path}`, headers: { 'content-type': 'application/json' }, body });
  return fetch(auth.url, { method: 'POST', headers: auth.headers, body });
}

test('chat: the fake accepts path, key and body; the answer decodes', async () => {
  const res = await send(REQUEST, 'co-key');
  assert.equal(res.status, 200);
  const decoded = cohereCodec.decodeResponse(await res.json());
  assert.deepEqual(decoded.parts, [{ type: 'text', text: 'command-a-03-2025 heard 1 message(s)' }]);
  assert.deepEqual(decoded.usage, { inputTokens: 5, outputTokens: 4 });
});

test('chat stream: SSE events decode into text deltas, usage and finish', async () => {
  const res = await send({ ...REQUEST, stream: true }, 'co-key');
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const parser = new SseParser();
  let state = cohereCodec.initialStreamState();
  const events: StreamEvent[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const frame of parser.push(decoder.decode(chunk, { stream: true }))) {
      const step = cohereCodec.decodeStreamFrame(state, frame);
      state = step.state;
      events.push(...step.events);
    }
  }
  assert.equal(events.flatMap((e) => (e.type === 'text_delta' ? [e.text] : [])).join(''), 'command-a-03-2025 heard 1 message(s)');
  assert.deepEqual(events.slice(-2), [{ type: 'usage', usage: { inputTokens: 5, outputTokens: 4 } }, { type: 'finish', reason: 'stop' }]);
});

test('a wrong key is an upstream auth failure', async () => {
  const res = await send(REQUEST, 'bad');
  const error = cohereCodec.classifyError(res.status, await res.json(), {});
  assert.deepEqual([error.kind, error.code], ['upstream_error', 'upstream_auth_failed']);
});
