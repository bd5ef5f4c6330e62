// Bedrock end to end against a separate fake process: codec → SigV4 → HTTP → event-stream → canonical events.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CanonicalRequest, StreamEvent } from '../proxy/formats/canonical';
import { authorizeRequest } from '../proxy/providers/auth/authorize';
import { bedrockCodec } from '../proxy/providers/bedrock/bedrock-codec';
import { EventStreamDecoder } from '../proxy/providers/bedrock/event-stream';
import { type RunningFake, startProviderFake } from './fakes/start-provider-fake';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const SECRET = 'AKIDFAKE:fake/secret+key:us-west-2';
let fake: RunningFake;

before(async () => {
  fake = await startProviderFake();
});
after(async () => {
  await fake.stop();
});

const REQUEST: CanonicalRequest = {
  model: `bedrock/${MODEL}`,
  system: [{ type: 'text', text: 'Be brief.' }],
  messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hello' }] }],
  maxTokens: 64,
  stream: false,
};

async function send(request: CanonicalRequest, secret: string) {
  const call = bedrockCodec.encodeRequest(request, MODEL);
  const body = JSON.stringify(call.body);
  const signed = await authorizeRequest('aws-sigv4', secret, {
    method: 'POST',
    url: `${fake.origin}${call.path}`,
    headers: { 'content-type': 'application/json', accept: request.stream ? 'application/vnd.amazon.eventstream' : 'application/json' },
    body,
  });
  return { call, body, res: await fetch(signed.url, { method: 'POST', headers: signed.headers, body }) };
}

test('Converse: the fake accepts our SigV4 signature and the exact path, and the answer decodes', async () => {
  const { call, body, res } = await send(REQUEST, SECRET);
  assert.equal(res.status, 200);
  const decoded = bedrockCodec.decodeResponse(await res.json());
  assert.deepEqual(decoded.parts, [{ type: 'text', text: `model ${MODEL} in us-west-2` }]);
  assert.equal(decoded.finishReason, 'stop');
  assert.deepEqual(decoded.usage, { inputTokens: 7, outputTokens: 4 });

  const seen = (await fake.requests()).at(-1);
  assert.equal(seen?.url, '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse');
  assert.equal(seen?.body, body);
  assert.deepEqual(JSON.parse(seen?.body ?? ''), call.body);
  assert.match(seen?.headers.authorization ?? '', /Credential=AKIDFAKE\/\d{8}\/us-west-2\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date,/);
});

test('ConverseStream: binary frames split across writes decode into canonical events', async () => {
  const { res } = await send({ ...REQUEST, stream: true }, SECRET);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.amazon.eventstream');
  const decoder = new EventStreamDecoder();
  let state = bedrockCodec.initialStreamState();
  const events: StreamEvent[] = [];
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const frame of decoder.push(Buffer.from(chunk))) {
      const step = bedrockCodec.decodeStreamFrame(state, frame);
      state = step.state;
      events.push(...step.events);
    }
  }
  decoder.finish();
  const text = events.flatMap((e) => (e.type === 'text_delta' ? [e.text] : [])).join('');
  assert.equal(text, `model ${MODEL} in us-west-2`);
  assert.deepEqual(events.map((e) => e.type), ['start', 'text_delta', 'text_delta', 'usage', 'finish']);
  assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
  assert.equal((await fake.requests()).at(-1)?.url, '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream');
});

test('a wrong secret key is refused by the fake and classified as our credentials failing', async () => {
  const { res } = await send(REQUEST, 'AKIDFAKE:wrong-secret:us-west-2');
  assert.equal(res.status, 403);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  const error = bedrockCodec.classifyError(res.status, await res.json(), headers);
  assert.equal(error.kind, 'upstream_error');
  assert.equal(error.code, 'upstream_auth_failed');
  assert.match(error.upstreamType ?? '', /^InvalidSignatureException/);
});
