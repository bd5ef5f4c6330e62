import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { UpstreamClient, type UpstreamResponse } from './upstream-client';
import { AttemptCancel } from './attempt-cancel';

/** A raw HTTP/1.1 upstream on loopback that answers each request with `answer(n)` (n counts from 1). */
async function rawUpstream(answer: (n: number, socket: net.Socket) => void): Promise<{ url: URL; close: () => void }> {
  let n = 0;
  const server = net.createServer((socket) => socket.on('data', () => answer(++n, socket)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/v1/x`), close: () => server.close() };
}

test('UpstreamClient: headers parsed on first use stay those of their own response, after later traffic on the same connection', async () => {
  const upstream = await rawUpstream((n, socket) => {
    // The head and the first body bytes in one write, the rest later.
    socket.write(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${n}7\r\nX-Marker: m-${n}\r\nContent-Length: 9000\r\n\r\n` + 'a'.repeat(1000));
    setTimeout(() => socket.write('b'.repeat(8000)), 2);
  });
  const client = new UpstreamClient();
  const kept: UpstreamResponse[] = [];
  for (let i = 0; i < 40; i++) {
    const response = await client.send({ url: upstream.url, method: 'GET', headers: {}, timeoutMs: 2000 });
    let bytes = 0;
    await response.body.read((chunk) => (bytes += chunk.length));
    assert.equal(bytes, 9000);
    kept.push(response);
  }
  kept.forEach((response, i) => {
    assert.equal(response.status, 429);
    assert.equal(response.headers['retry-after'], `${i + 1}7`);
    assert.equal(response.headers['x-marker'], `m-${i + 1}`);
  });
  await client.close();
  upstream.close();
});

test('UpstreamClient: a 103 Early Hints head is skipped; the final head resolves the send', async () => {
  const upstream = await rawUpstream((_n, socket) => {
    socket.write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n');
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
  });
  const client = new UpstreamClient();
  const response = await client.send({ url: upstream.url, method: 'GET', headers: {}, timeoutMs: 2000 });
  assert.equal(response.status, 200);
  const chunks: Buffer[] = [];
  await response.body.read((chunk) => chunks.push(chunk));
  assert.equal(Buffer.concat(chunks).toString(), '{}');
  assert.equal(response.headers['content-type'], 'application/json');
  await client.close();
  upstream.close();
});

test('UpstreamClient: cancelling before the head fails the send as an aborted attempt; after it, the body', async () => {
  const upstream = await rawUpstream((n, socket) => {
    // Request 1: silence. Request 2: a head and a trickle that never ends.
    if (n === 2) socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
  });
  const client = new UpstreamClient();
  const before = new AttemptCancel();
  const silent = client.send({ url: upstream.url, method: 'GET', headers: {}, timeoutMs: 5000, cancel: before });
  setTimeout(() => before.abort(), 20);
  await assert.rejects(silent, (err: Error & { kind?: string }) => err.kind === 'upstream_timeout' && /aborted/.test(err.message));

  const after = new AttemptCancel();
  const response = await client.send({ url: upstream.url, method: 'GET', headers: {}, timeoutMs: 5000, cancel: after });
  const seen: string[] = [];
  const reading = response.body.read((chunk) => {
    seen.push(chunk.toString());
    after.abort();
  });
  await assert.rejects(reading, (err: Error & { code?: string }) => err.code === 'UND_ERR_ABORTED');
  assert.deepEqual(seen, ['hello']);
  await client.close();
  upstream.close();
});
