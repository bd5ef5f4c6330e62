// A client that stops reading a stream holds the upstream back through the gateway (which pauses
// its read of the upstream instead of queueing the stream in memory), and gets every byte, in
// order, once it reads again.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const FRAMES = 24_000;
const TEXT = 'x'.repeat(4000);
const frame = (i: number) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `<${i}>${TEXT}` }, finish_reason: null }] })}\n\n`;
const ending = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: FRAMES, total_tokens: FRAMES + 1 } })}\n\ndata: [DONE]\n\n`;

let written = 0;
let total = 0;
const upstream = http.createServer((req, res) => {
  req.resume();
  req.on('end', async () => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < FRAMES; i++) {
      const text = frame(i);
      written += text.length;
      if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end(ending);
  });
});
let gateway: SpawnedGateway | undefined;

after(async () => {
  await gateway?.stop();
  upstream.close();
});

test('a client that stops reading holds the upstream back, then receives the whole stream in order', async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  total = FRAMES * frame(0).length;
  gateway = await spawnGateway({
    providers: [{ id: 'up', kind: 'openai', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, apiKey: 'sk-test' }],
  });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request(`${gateway!.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
    req.on('error', reject);
    req.end(JSON.stringify({ model: 'up/m', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] }));
  });
  assert.equal(res.statusCode, 200);
  res.pause();
  // Wait until the upstream cannot write any further (every buffer on the way is full).
  let last = -1;
  while (written !== last) {
    last = written;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(written < total / 2, `the upstream wrote ${written} of ${total} bytes while the client read nothing`);

  res.setEncoding('utf8');
  let body = '';
  for await (const chunk of res) body += chunk;
  let next = 0;
  for (const match of body.matchAll(/<(\d+)>x{4000}/g)) {
    assert.equal(Number(match[1]), next, 'frames arrive complete and in order');
    next++;
  }
  assert.equal(next, FRAMES);
  assert.ok(body.endsWith('data: [DONE]\n\n'));
});
