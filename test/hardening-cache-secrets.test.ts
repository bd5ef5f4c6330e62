// An upstream whose successful answer quotes the provider key (and a header secret) it was sent:
// the first answer reaches the client scrubbed, and so must every response-cache replay of it,
// JSON and streamed, passed through or translated. End to end against a real `serve` process.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { listenOnLoopback, type ListeningFake } from './fakes/listen-on-loopback';
import { onJsonRequest } from './fakes/on-json-request';

const PROVIDER_KEY = 'pk-cached-echo-key-8d2b6f0a3c';
const HEADER_SECRET = 'hs-cached-echo-header-5e1f9a7c';
let upstream: ListeningFake;
let gateway: SpawnedGateway;
/** Requests the upstream answered, so a replay is known not to have gone upstream. */
let upstreamCalls = 0;

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** OpenAI- and Anthropic-shaped successes whose text quotes the key and header secret they were sent. */
function echoingUpstream(req: http.IncomingMessage, res: http.ServerResponse, body: { stream?: boolean }): void {
  upstreamCalls++;
  const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || String(req.headers['x-api-key'] ?? '');
  const text = `debug: called with ${key} and ${String(req.headers['x-org-secret'])}`;
  const anthropic = req.url!.endsWith('/messages');
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(anthropic
      ? { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 2 } }
      : { id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (anthropic) {
    res.write(sse({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 3, output_tokens: 0 } } }, 'message_start'));
    res.write(sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'));
    res.write(sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, 'content_block_delta'));
    res.write(sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'));
    res.write(sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } }, 'message_delta'));
    res.end(sse({ type: 'message_stop' }, 'message_stop'));
    return;
  }
  const chunk = (delta: object, finish: string | null) => ({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });
  res.write(sse(chunk({ role: 'assistant', content: text }, null)));
  res.write(sse(chunk({}, 'stop')));
  res.write(sse({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
  res.end('data: [DONE]\n\n');
}

before(async () => {
  upstream = await listenOnLoopback(http.createServer(onJsonRequest((req, res, _url, body) => echoingUpstream(req, res, body))));
  const url = `${upstream.url}/v1`;
  const headers = { 'X-Org-Secret': 'env:ORG_SECRET' };
  gateway = await spawnGateway({
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: url, apiKey: 'env:ECHOED_KEY', headers },
      { id: 'an', kind: 'anthropic', baseUrl: url, apiKey: 'env:ECHOED_KEY', headers },
    ],
  }, { env: { ECHOED_KEY: PROVIDER_KEY, ORG_SECRET: HEADER_SECRET } });
});

after(async () => {
  await gateway.stop();
  await upstream.close();
});

const messages = [{ role: 'user', content: 'hi' }];
const rows = [
  { name: 'Chat Completions JSON from an OpenAI upstream (pass-through)', path: '/v1/chat/completions', body: { model: 'oa/m', messages } },
  { name: 'Messages JSON from an OpenAI upstream (translated)', path: '/v1/messages', body: { model: 'oa/m', max_tokens: 8, messages } },
  { name: 'Messages JSON from an Anthropic upstream (pass-through)', path: '/v1/messages', body: { model: 'an/m', max_tokens: 8, messages } },
  { name: 'Chat Completions stream from an OpenAI upstream (pass-through)', path: '/v1/chat/completions', body: { model: 'oa/m', stream: true, messages } },
  { name: 'Messages stream from an Anthropic upstream (pass-through)', path: '/v1/messages', body: { model: 'an/m', max_tokens: 8, stream: true, messages } },
  { name: 'Chat Completions stream from an Anthropic upstream (translated)', path: '/v1/chat/completions', body: { model: 'an/m', stream: true, messages } },
  { name: 'Responses stream from an OpenAI upstream (translated)', path: '/v1/responses', body: { model: 'oa/m', stream: true, input: 'hi' } },
];

rows.forEach((row, i) => {
  test(`a cached answer that quoted the provider's secrets is replayed scrubbed: ${row.name}`, async () => {
    // Temperature 0 makes the answer cacheable; the prompt keeps each row's cache entry its own.
    const body = JSON.stringify({ ...row.body, temperature: 0, ...promptFor(row.body, `row ${i}`) });
    const post = async () => {
      const res = await fetch(`${gateway.url}${row.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, cache: res.headers.get('x-switchyard-cache'), text: await res.text() };
    };
    const first = await post();
    assert.equal(first.status, 200, first.text);
    assert.equal(first.cache, null);
    assertScrubbed(first.text);
    const calls = upstreamCalls;
    let hit = first;
    // The answer is stored off the client's path, on a later tick.
    for (let n = 0; n < 50 && hit.cache !== 'hit'; n++) {
      await new Promise((r) => setTimeout(r, 20));
      hit = await post();
    }
    assert.equal(hit.cache, 'hit', 'the repeat was not answered from the response cache');
    assert.equal(upstreamCalls, calls, 'the hit went upstream');
    assert.equal(hit.status, 200, hit.text);
    assertScrubbed(hit.text);
  });
});

/** The row's body with its own prompt text, in the field its API reads. */
function promptFor(body: Record<string, unknown>, text: string): Record<string, unknown> {
  return 'input' in body ? { input: text } : { messages: [{ role: 'user', content: text }] };
}

function assertScrubbed(text: string): void {
  assert.equal(text.includes(PROVIDER_KEY), false, text);
  assert.equal(text.includes(HEADER_SECRET), false, text);
  assert.match(text, /debug: called with \[redacted\] and \[redacted\]/);
}
