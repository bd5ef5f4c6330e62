// A stream that breaks after its first byte, through the real request road (handleGenerate, a real
// Gateway with its SQLite log, the real upstream client over loopback): our own bug (an encoder
// that throws, handed in as the client format) must read as an internal error, while an upstream
// socket that dies must still read as the upstream's failure. Only the upstream is a fake.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { validateConfig } from '../config/load-config';
import { Gateway } from '../gateway/gateway';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { createLogger } from '../server/logger';
import { clientFormat } from '../formats/registry';
import type { ClientFormat } from '../formats/client-format';
import type { RequestRecord } from '../store/store';
import { handleGenerate } from './handle-generate';

const KEY = 'an-key-deliver-stream-0123456789';
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const delta = (text: string) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
const OPENING = sse('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], usage: { input_tokens: 3, output_tokens: 0 } } })
  + sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
  + delta('hello');
const OVERLOADED = sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'busy' } });
const CLOSING = sse('content_block_stop', { type: 'content_block_stop', index: 0 })
  + sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } })
  + sse('message_stop', { type: 'message_stop' });

/** What the fake Anthropic upstream does after the opening frames, by the model asked for. */
const AFTER_OPENING: Record<string, (socket: net.Socket) => void> = {
  // The encoder handed in below throws on this text.
  boom: (socket) => socket.end(chunk(delta('BOOM') + CLOSING) + '0\r\n\r\n'),
  // The upstream's own error event, then the encoder's throw, both in one chunk.
  'error-then-boom': (socket) => socket.end(chunk(OVERLOADED + delta('BOOM')) + '0\r\n\r\n'),
  // The connection closes with the chunked body unfinished (undici: SocketError, UND_ERR_SOCKET).
  close: (socket) => socket.destroy(),
  // The connection is reset (the socket's own ECONNRESET).
  reset: (socket) => socket.resetAndDestroy(),
  // Silence past the provider's idleTimeoutMs (undici: BodyTimeoutError).
  stall: () => {},
};

const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;

/** The client's format with an encoder bug: it throws a plain Error on the text "BOOM". */
const openaiChat = clientFormat('openai-chat');
const buggyOpenaiChat: ClientFormat<any> = {
  ...openaiChat,
  encodeStreamEvent(state, event) {
    if (event.type === 'text_delta' && event.text === 'BOOM') throw new Error('encoder bug: BOOM');
    return openaiChat.encodeStreamEvent(state, event);
  },
};

// A Gemini upstream for a Gemini client (a pass-through): a text chunk, then a chunk whose part our
// decoder cannot read (a call without a name), then a clean finish.
const GEMINI_FRAMES = [
  { candidates: [{ content: { role: 'model', parts: [{ text: 'hello' }] } }] },
  { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 5 } }] } }] },
  { candidates: [{ content: { role: 'model', parts: [{ text: '!' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 } },
].map((frame) => `data: ${JSON.stringify(frame)}\r\n\r\n`);

let upstream: net.Server;
let geminiUpstream: net.Server;
let server: http.Server;
let geminiServer: http.Server;
let geminiUrl: string;
let gateway: Gateway;
let url: string;
const logLines: Array<Record<string, unknown>> = [];

before(async () => {
  upstream = net.createServer((socket) => {
    let request = '';
    socket.on('data', (data) => {
      request += data.toString();
      const head = request.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(request)?.[1] ?? 0);
      if (Buffer.byteLength(request) < head + 4 + length) return;
      const model = (JSON.parse(request.slice(head + 4)) as { model: string }).model;
      request = '';
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n' + chunk(OPENING));
      setTimeout(() => (AFTER_OPENING[model] ?? ((s: net.Socket) => s.end(chunk(CLOSING) + '0\r\n\r\n')))(socket), 30);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  geminiUpstream = net.createServer((socket) => {
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n' + chunk(GEMINI_FRAMES[0]!));
      setTimeout(() => socket.end(chunk(GEMINI_FRAMES[1]!) + chunk(GEMINI_FRAMES[2]!) + '0\r\n\r\n'), 30);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => geminiUpstream.listen(0, '127.0.0.1', resolve));
  const config = await validateConfig({
    providers: [
      { id: 'an', kind: 'anthropic', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, apiKey: KEY, idleTimeoutMs: 300 },
      { id: 'gm', kind: 'gemini', baseUrl: `http://127.0.0.1:${(geminiUpstream.address() as AddressInfo).port}/v1beta`, apiKey: 'gm-key-deliver-stream-0123456789' },
    ],
  }, '(test)', {});
  const log = new Writable({
    write(line, _encoding, done) {
      logLines.push(JSON.parse(line.toString()));
      done();
    },
  });
  gateway = new Gateway({ config, store: new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'deliver-stream-')) }), logger: createLogger(log), loopbackOnly: true });
  server = http.createServer((req, res) => void gateway.track(handleGenerate(gateway, req, res, buggyOpenaiChat)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
  geminiServer = http.createServer((req, res) => void gateway.track(handleGenerate(gateway, req, res, clientFormat('gemini'), { model: 'gm/unreadable', stream: true })));
  await new Promise<void>((resolve) => geminiServer.listen(0, '127.0.0.1', resolve));
  geminiUrl = `http://127.0.0.1:${(geminiServer.address() as AddressInfo).port}/v1beta/models/gm%2Funreadable:streamGenerateContent?alt=sse`;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  geminiServer.closeAllConnections();
  geminiServer.close();
  upstream.close();
  geminiUpstream.close();
  await gateway.close();
});

/** Streams `an/<model>` and returns the client's data frames, the request's log row, and the breaker's failure count. */
async function stream(model: string): Promise<{ frames: unknown[]; done: boolean; row: RequestRecord; breakerFailures: number; logged: Array<Record<string, unknown>> }> {
  const logFrom = logLines.length;
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ model: `an/${model}`, stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
  assert.equal(response.status, 200);
  const text = await response.text();
  const data = text.split('\n\n').filter((f) => f.startsWith('data: ')).map((f) => f.slice(6));
  await gateway.drain(2_000);
  await gateway.store.flush();
  const [row] = await gateway.store.listRequests({ limit: 1 });
  const account = gateway.runtime.providers.get('an')!.accounts[0]!;
  return {
    frames: data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d)),
    done: data.at(-1) === '[DONE]',
    row: row!,
    breakerFailures: gateway.routing.accounts.view(account, Date.now()).failures,
    logged: logLines.slice(logFrom),
  };
}

const errorOf = (frames: unknown[]) => (frames.find((f) => (f as { error?: unknown }).error) as { error: { message: string; type: string; code: string } } | undefined)?.error;
const textOf = (frames: unknown[]) => frames.map((f) => (f as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '').join('');

test('deliverStream: an encoder that throws mid-stream is our bug: internal in the log and the request row, an error frame for the client, no breaker charge', async () => {
  const seen = await stream('boom');
  assert.equal(textOf(seen.frames), 'hello');
  assert.deepEqual(errorOf(seen.frames), { message: 'internal gateway error while streaming the answer from an/boom', type: 'api_error', param: null, code: 'internal' });
  assert.equal(seen.done, true);
  assert.equal(seen.row.status, 500);
  assert.equal(seen.row.error, 'internal: internal gateway error while streaming the answer from an/boom');
  assert.deepEqual(seen.row.attempts.map((a) => [a.status, a.error]), [[200, 'internal']]);
  assert.equal(seen.breakerFailures, 0);
  const logged = seen.logged.find((l) => l.msg === 'request failed inside the gateway');
  assert.deepEqual(logged && { kind: logged.kind, err: logged.err }, { kind: 'internal', err: { name: 'Error', message: 'encoder bug: BOOM' } });
  assert.ok(!JSON.stringify(seen.logged).includes(KEY));
});

test('deliverStream: the upstream\'s error event in the chunk whose next frame throws still reaches the client (never a clean end)', async () => {
  const seen = await stream('error-then-boom');
  assert.equal(textOf(seen.frames), 'hello');
  assert.equal(errorOf(seen.frames)?.message, 'busy');
  assert.equal(seen.row.error, 'internal: internal gateway error while streaming the answer from an/error-then-boom');
});

const networkRows: Array<{ name: string; model: string; expected: { kind: string; cause: RegExp } }> = [
  { name: 'the upstream closes the connection', model: 'close', expected: { kind: 'upstream_error', cause: /upstream unreachable \(UND_ERR_SOCKET\)/ } },
  { name: 'the upstream resets the connection', model: 'reset', expected: { kind: 'upstream_error', cause: /upstream unreachable \(ECONNRESET\)/ } },
  { name: 'the upstream falls silent past its idle timeout', model: 'stall', expected: { kind: 'upstream_timeout', cause: /upstream timed out/ } },
];

for (const row of networkRows) {
  test(`deliverStream: ${row.name} mid-stream: still the upstream's failure, charged to its breaker`, async () => {
    const before = gateway.routing.accounts.view(gateway.runtime.providers.get('an')!.accounts[0]!, Date.now()).failures;
    const seen = await stream(row.model);
    assert.equal(textOf(seen.frames), 'hello');
    assert.equal(errorOf(seen.frames)?.code, 'upstream_stream_error');
    assert.equal(seen.row.status, 502);
    assert.match(seen.row.error ?? '', new RegExp(`^${row.expected.kind}: upstream stream from an/${row.model} failed: `));
    assert.match(seen.row.error ?? '', row.expected.cause);
    assert.deepEqual(seen.row.attempts.map((a) => a.error), [row.expected.kind]);
    assert.equal(seen.breakerFailures, before + 1);
    assert.ok(!seen.logged.some((l) => l.msg === 'request failed inside the gateway'));
  });
}

test('deliverStream: a pass-through frame our decoder cannot read fails the request as the upstream\'s, with an error in the client\'s framing, never a clean end', async () => {
  const response = await fetch(geminiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) });
  assert.equal(response.status, 200);
  const frames = (await response.text()).split(/\r?\n\r?\n/).filter((f) => f.startsWith('data: ')).map((f) => JSON.parse(f.slice(6)) as { candidates?: unknown; error?: { code: number; message: string; status: string } });
  assert.deepEqual(frames[0], JSON.parse(GEMINI_FRAMES[0]!.slice(6)), 'what came before goes through byte for byte');
  assert.equal(frames.length, 2, 'the unreadable frame and what follows it are not forwarded');
  assert.equal(frames[1]!.error?.code, 502);
  assert.equal(typeof frames[1]!.error?.status, 'string');
  assert.match(frames[1]!.error?.message ?? '', /malformed part/);
  await gateway.drain(2_000);
  await gateway.store.flush();
  const [row] = await gateway.store.listRequests({ limit: 1 });
  assert.equal(row!.model, 'gm/unreadable');
  assert.equal(row!.status, 502);
  assert.match(row!.error ?? '', /^upstream_error: /);
  assert.deepEqual(row!.attempts.map((a) => a.error), ['upstream_error']);
});
