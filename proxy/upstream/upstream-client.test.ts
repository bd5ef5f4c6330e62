import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { errors } from 'undici';
import { classifyBodyFailure, classifyHeadFailure, UpstreamClient, type UpstreamResponse } from './upstream-client';
import { GatewayError } from '../errors';
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

// undici's types say HTTPParserError extends UndiciError; at run time it does not, so it is checked on its own.
/** A system error as the socket raises it: a code and the syscall that failed. */
const systemError = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code}`), { code, errno: -104, syscall });

/** What a failure while reading a body is taken for: undici's and the socket's errors are the upstream's, anything else our own bug. */
const bodyFailures: Array<{ name: string; input: unknown; expected: { kind: string; code: string } }> = [
  { name: 'SocketError (the upstream closed early)', input: new errors.SocketError('other side closed'), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'BodyTimeoutError', input: new errors.BodyTimeoutError(), expected: { kind: 'upstream_timeout', code: 'upstream_timeout' } },
  { name: 'ResponseContentLengthMismatchError', input: new errors.ResponseContentLengthMismatchError(), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'RequestAbortedError (our cancel)', input: new errors.RequestAbortedError(), expected: { kind: 'upstream_timeout', code: 'upstream_timeout' } },
  { name: 'HTTPParserError (a malformed chunked body)', input: new (errors.HTTPParserError as unknown as new (message: string, code: string) => Error)('Invalid character in chunk size', 'INVALID_CHUNK_SIZE'), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'the socket\'s ECONNRESET', input: systemError('ECONNRESET', 'read'), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'a GatewayError is kept', input: new GatewayError('upstream_error', 'closed early', { code: 'upstream_stream_truncated' }), expected: { kind: 'upstream_error', code: 'upstream_stream_truncated' } },
  { name: 'a TypeError from a decoder', input: new TypeError("Cannot read properties of undefined (reading 'text')"), expected: { kind: 'internal', code: 'internal' } },
  { name: 'a plain Error', input: new Error('terminated'), expected: { kind: 'internal', code: 'internal' } },
  { name: 'a Node error with a code but no syscall (a bad argument)', input: Object.assign(new TypeError('bad chunk'), { code: 'ERR_INVALID_ARG_TYPE' }), expected: { kind: 'internal', code: 'internal' } },
  { name: 'a thrown string', input: 'oops', expected: { kind: 'internal', code: 'internal' } },
  { name: 'InvalidReturnValueError (our handler answered undici wrongly)', input: new errors.InvalidReturnValueError('onData must return a boolean'), expected: { kind: 'internal', code: 'internal' } },
];

for (const row of bodyFailures) {
  test(`classifyBodyFailure: ${row.name}`, () => {
    const error = classifyBodyFailure(row.input);
    assert.deepEqual({ kind: error.kind, code: error.code }, row.expected);
  });
}

test('classifyBodyFailure: what undici really hands over when a body breaks after its head is the upstream\'s failure', async () => {
  const breakage: Array<{ name: string; after: (socket: net.Socket) => void; is: (err: unknown) => boolean }> = [
    { name: 'closed early', after: (socket) => socket.destroy(), is: (err) => err instanceof errors.SocketError && err.code === 'UND_ERR_SOCKET' },
    { name: 'reset', after: (socket) => socket.resetAndDestroy(), is: (err) => (err as { code?: unknown }).code === 'ECONNRESET' },
    // Its `code` may be undefined (here it is): known by its class alone.
    { name: 'a chunk size that is not hex', after: (socket) => socket.write('zz\r\nhello\r\n'), is: (err) => err instanceof errors.HTTPParserError },
  ];
  for (const row of breakage) {
    let held: net.Socket | undefined;
    const upstream = await rawUpstream((_n, socket) => {
      held = socket;
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
      setTimeout(() => row.after(socket), 20);
    });
    const client = new UpstreamClient();
    const response = await client.send({ url: upstream.url, method: 'GET', headers: {}, timeoutMs: 2000 });
    const failure = await response.body.read(() => {}).then(() => undefined, (err: unknown) => err);
    assert.ok(row.is(failure), `${row.name}: ${String(failure)}`);
    assert.equal(classifyBodyFailure(failure).kind, 'upstream_unreachable', row.name);
    held?.destroy();
    await client.close();
    upstream.close();
  }
});

/** What a send that failed before the response head is taken for: undici's refusals of our own request are ours, the rest the network's. */
const headFailures: Array<{ name: string; input: unknown; expected: { kind: string; code: string } }> = [
  { name: 'InvalidArgumentError (a header value with a line break)', input: new errors.InvalidArgumentError('invalid authorization header'), expected: { kind: 'internal', code: 'internal' } },
  { name: 'NotSupportedError (an Expect header)', input: new errors.NotSupportedError('expect header not supported'), expected: { kind: 'internal', code: 'internal' } },
  { name: 'RequestContentLengthMismatchError (a body unlike its content-length)', input: new errors.RequestContentLengthMismatchError(), expected: { kind: 'internal', code: 'internal' } },
  { name: 'ClientDestroyedError (our agent already closed)', input: new errors.ClientDestroyedError(), expected: { kind: 'internal', code: 'internal' } },
  { name: 'ClientClosedError', input: new errors.ClientClosedError(), expected: { kind: 'internal', code: 'internal' } },
  { name: 'HeadersTimeoutError', input: new errors.HeadersTimeoutError(), expected: { kind: 'upstream_timeout', code: 'upstream_timeout' } },
  { name: 'ConnectTimeoutError', input: new errors.ConnectTimeoutError(), expected: { kind: 'upstream_timeout', code: 'upstream_timeout' } },
  { name: 'RequestAbortedError (our cancel)', input: new errors.RequestAbortedError(), expected: { kind: 'upstream_timeout', code: 'upstream_timeout' } },
  { name: 'SocketError (closed before the head)', input: new errors.SocketError('other side closed'), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'HeadersOverflowError (the upstream\'s head too large)', input: new errors.HeadersOverflowError(), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'the socket\'s ECONNREFUSED', input: systemError('ECONNREFUSED', 'connect'), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'a DNS failure', input: systemError('ENOTFOUND', 'getaddrinfo'), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  // TLS failures carry a code but no syscall: before the head they are still the upstream's.
  { name: 'a TLS certificate error', input: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), expected: { kind: 'upstream_unreachable', code: 'upstream_unreachable' } },
  { name: 'a GatewayError is kept', input: new GatewayError('upstream_timeout', 'aborted'), expected: { kind: 'upstream_timeout', code: 'upstream_timeout' } },
];

for (const row of headFailures) {
  test(`classifyHeadFailure: ${row.name}`, () => {
    const error = classifyHeadFailure(row.input, 1000);
    assert.deepEqual({ kind: error.kind, code: error.code }, row.expected);
  });
}

test('UpstreamClient: a request undici refuses to send (a header value with a line break) fails as internal, and no upstream is asked', async () => {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`);
  const client = new UpstreamClient();
  const rows: Array<{ name: string; headers: Record<string, string> }> = [
    { name: 'a line break in a value', headers: { authorization: 'Bearer sk-secret-value\nx-injected: 1' } },
    { name: 'a name that is no HTTP token', headers: { 'x bad': '1' } },
    { name: 'an Expect header', headers: { expect: '100-continue' } },
  ];
  try {
    for (const row of rows) {
      const failure = await client.send({ url, method: 'POST', headers: row.headers, body: '{}', timeoutMs: 2000 }).then(() => undefined, (err: unknown) => err);
      assert.ok(failure instanceof GatewayError, `${row.name}: ${String(failure)}`);
      assert.equal(failure.kind, 'internal', row.name);
      assert.equal(failure.status, 500, row.name);
      assert.doesNotMatch(failure.message, /sk-secret-value/, row.name);
    }
    assert.equal(connections, 0);
  } finally {
    await client.close();
    server.close();
  }
});
