// An upstream that answers 200 and then echoes the provider key — in an error frame mid-stream, or
// inside a JSON body (embeddings too) — must not hand that key to the client, whether the stream is passed through
// byte for byte or translated. End to end against a real `serve` process.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const PROVIDER_KEY = 'pk-echoed-upstream-key-4f7a2c9e1b';
let upstream: http.Server;
let gateway: SpawnedGateway;

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** OpenAI- and Anthropic-shaped answers that start fine and then quote the key they were sent. */
function echoingUpstream(req: http.IncomingMessage, res: http.ServerResponse, body: { stream?: boolean }): void {
  const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || String(req.headers['x-api-key'] ?? '');
  if (req.url!.endsWith('/embeddings')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], model: `m (key ${key})`, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    return;
  }
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: `debug: called with ${key}` }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (req.url!.endsWith('/messages')) {
    res.write(sse({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 3, output_tokens: 0 } } }, 'message_start'));
    res.end(sse({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${key}` } }, 'error'));
    return;
  }
  res.write(sse({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }] }));
  res.end(sse({ error: { message: `Incorrect API key provided: ${key}`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
}

before(async () => {
  upstream = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => echoingUpstream(req, res, JSON.parse(text) as { stream?: boolean }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  gateway = await spawnGateway({
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: url, apiKey: 'env:ECHOED_KEY' },
      { id: 'an', kind: 'anthropic', baseUrl: url, apiKey: 'env:ECHOED_KEY' },
    ],
  }, { env: { ECHOED_KEY: PROVIDER_KEY } });
});

after(async () => {
  await gateway.stop();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const messages = [{ role: 'user', content: 'hi' }];
const rows = [
  { name: 'Chat Completions stream to an OpenAI upstream (pass-through)', path: '/v1/chat/completions', body: { model: 'oa/m', stream: true, messages } },
  { name: 'Messages stream to an Anthropic upstream (pass-through)', path: '/v1/messages', body: { model: 'an/m', max_tokens: 8, stream: true, messages } },
  { name: 'Messages stream to an OpenAI upstream (translated)', path: '/v1/messages', body: { model: 'oa/m', max_tokens: 8, stream: true, messages } },
  { name: 'Chat Completions stream to an Anthropic upstream (translated)', path: '/v1/chat/completions', body: { model: 'an/m', stream: true, messages } },
  { name: 'Responses stream to an OpenAI upstream (translated)', path: '/v1/responses', body: { model: 'oa/m', stream: true, input: 'hi' } },
  { name: 'Chat Completions JSON body from an OpenAI upstream (pass-through)', path: '/v1/chat/completions', body: { model: 'oa/m', messages } },
  { name: 'Messages JSON body from an OpenAI upstream (translated)', path: '/v1/messages', body: { model: 'oa/m', max_tokens: 8, messages } },
  { name: 'embeddings body from an OpenAI upstream', path: '/v1/embeddings', body: { model: 'oa/m', input: 'hi' } },
];

for (const row of rows) {
  test(`the echoed provider key is scrubbed: ${row.name}`, async () => {
    const res = await fetch(`${gateway.url}${row.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(row.body) });
    const text = await res.text();
    assert.equal(text.includes(PROVIDER_KEY), false, text);
    assert.match(text, /\[redacted\]/);
  });
}
