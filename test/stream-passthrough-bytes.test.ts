// A same-format OpenAI stream goes to the client as the upstream's own bytes, keep-alive comments
// included, however the upstream cuts its writes: mid-character, mid-line-ending, mid-usage-chunk.
// Only the usage chunk the gateway asked for itself is taken out, and the usage is still recorded.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const ADMIN = 'admin-token-passthrough-bytes';
const chunk = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra })}`;
const CONTENT = [
  `${chunk([{ index: 0, delta: { role: 'assistant', content: 'Ça va — très' }, finish_reason: null }])}\r\n\r\n`,
  ': keep-alive\n\n',
  `${chunk([{ index: 0, delta: { content: ' bien ✓' }, finish_reason: null }])}\n\n`,
  `${chunk([{ index: 0, delta: {}, finish_reason: 'stop' }])}\n\n`,
].join('');
const USAGE = `${chunk([], { usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 } })}\n\n`;
// A keep-alive between the usage chunk and the end: it travels with frames that are read, not just passed on.
const DONE = ': ping\n\ndata: [DONE]\n\n';

/** The upstream writes its stream in pieces cut at these byte offsets, pausing between them. */
function pieces(text: string): Buffer[] {
  const bytes = Buffer.from(text);
  const cuts = [
    bytes.indexOf('Ç') + 1, // inside a two-byte character
    bytes.indexOf('—') + 2, // inside a three-byte character
    bytes.indexOf('\r\n\r\n') + 3, // between CR and LF of the blank line
    bytes.indexOf('✓') + 1,
    bytes.indexOf('"usage"') + 3,
    bytes.indexOf('[DONE]') + 2,
  ].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of cuts) {
    out.push(bytes.subarray(from, cut));
    from = cut;
  }
  out.push(bytes.subarray(from));
  return out;
}

const upstreamSaw: Array<{ include_usage?: boolean }> = [];
const upstream = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', async () => {
    const body = JSON.parse(Buffer.concat(parts).toString());
    upstreamSaw.push(body.stream_options ?? {});
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const truncated = body.model === 'cut';
    const text = CONTENT + (truncated ? '' : USAGE + DONE);
    for (const piece of pieces(text)) {
      res.write(piece);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (truncated) res.destroy();
    else res.end();
  });
});
let gateway: SpawnedGateway;

before(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  gateway = await spawnGateway({
    adminToken: ADMIN,
    providers: [{ id: 'up', kind: 'openai', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, apiKey: 'sk-bytes', prices: { m: { input: 1, output: 2 } } }],
  });
});

after(async () => {
  await gateway?.stop();
  upstream.close();
});

async function stream(body: object): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true, ...body }) });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function lastRequest(): Promise<{ status: number; inputTokens: number | null; outputTokens: number | null; error: string | null }> {
  const res = await fetch(`${gateway.url}/api/requests?limit=1`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await res.json()) as { requests: Array<{ status: number; inputTokens: number | null; outputTokens: number | null; error: string | null }> }).requests[0]!;
}

test('without include_usage: the upstream bytes exactly, minus the usage chunk the gateway asked for', async () => {
  const { status, bytes } = await stream({ model: 'up/m' });
  assert.equal(status, 200);
  assert.equal(upstreamSaw.at(-1)!.include_usage, true);
  assert.deepEqual(bytes, Buffer.from(CONTENT + DONE));
  const row = await lastRequest();
  assert.deepEqual([row.status, row.inputTokens, row.outputTokens], [200, 11, 7]);
});

test('with include_usage: every upstream byte, the usage chunk included', async () => {
  const { status, bytes } = await stream({ model: 'up/m', stream_options: { include_usage: true } });
  assert.equal(status, 200);
  assert.deepEqual(bytes, Buffer.from(CONTENT + USAGE + DONE));
  assert.equal((await lastRequest()).outputTokens, 7);
});

test('a stream cut before [DONE]: the frames so far, then an error event; logged as a failure', async () => {
  const { status, bytes } = await stream({ model: 'up/cut' });
  assert.equal(status, 200);
  const text = bytes.toString();
  assert.ok(text.startsWith(CONTENT), 'the frames that arrived are forwarded as they were');
  const rest = text.slice(CONTENT.length);
  assert.match(rest, /^data: \{"error":/);
  assert.ok(!rest.includes('[DONE]'));
  const row = await lastRequest();
  assert.equal(row.status, 502);
  assert.match(row.error ?? '', /upstream/);
});
