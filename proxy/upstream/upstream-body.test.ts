import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UpstreamBody } from './upstream-body';
import { parseRawHeaders } from './upstream-client';
import { GatewayError } from '../errors';

const buf = (s: string) => Buffer.from(s);

/** A body wired as the upstream client wires it, recording what undici would be asked to do. */
function wired() {
  const body = new UpstreamBody();
  const calls = { resumed: 0, aborted: [] as Array<Error | undefined> };
  body.resumeReading = () => calls.resumed++;
  body.abortRequest = (err) => calls.aborted.push(err);
  return { body, calls };
}

const collect = (body: UpstreamBody) => {
  const seen: string[] = [];
  return { seen, done: body.read((c) => seen.push(c.toString())) };
};

test('UpstreamBody: chunks that arrive before the reader are handed over first, in order, then the rest as they come', async () => {
  const { body } = wired();
  assert.equal(body.push(buf('a')), true);
  assert.equal(body.push(buf('b')), true);
  const { seen, done } = collect(body);
  assert.deepEqual(seen, ['a', 'b']);
  body.push(buf('c'));
  assert.deepEqual(seen, ['a', 'b', 'c'], 'delivered synchronously from the push');
  body.finish();
  await done;
  assert.equal(body.ended, true);
});

const outcomes: Array<{ name: string; before: boolean; error?: unknown }> = [
  { name: 'ends before the reader attaches', before: true },
  { name: 'ends after', before: false },
  { name: 'fails before the reader attaches', before: true, error: new Error('socket hang up') },
  { name: 'fails after', before: false, error: new Error('socket hang up') },
];
for (const row of outcomes) {
  test(`UpstreamBody: a body that ${row.name} settles the read accordingly`, async () => {
    const { body } = wired();
    body.push(buf('x'));
    if (row.before) body.finish(row.error);
    const { seen, done } = collect(body);
    if (!row.before) body.finish(row.error);
    if (row.error) await assert.rejects(done, (err) => err === row.error);
    else await done;
    assert.deepEqual(seen, ['x']);
  });
}

test('UpstreamBody: a body is read once', async () => {
  const { body } = wired();
  void body.read(() => {});
  await assert.rejects(body.read(() => {}), /only once/);
});

test('UpstreamBody: pausing asks undici to stop reading; resuming reads on, but never once the body has ended', () => {
  const { body, calls } = wired();
  void body.read(() => {});
  const resumedOnAttach = calls.resumed;
  body.pause();
  assert.equal(body.push(buf('a')), false);
  body.resume();
  assert.equal(calls.resumed, resumedOnAttach + 1);
  assert.equal(body.push(buf('b')), true);
  body.pause();
  body.finish();
  body.resume();
  assert.equal(calls.resumed, resumedOnAttach + 1, 'the connection may already serve another request');
});

test('UpstreamBody: with no reader yet, reading stops once 64 KB are held and starts again when the reader attaches', () => {
  const { body, calls } = wired();
  assert.equal(body.push(Buffer.alloc(40 * 1024)), true);
  assert.equal(body.push(Buffer.alloc(40 * 1024)), false);
  let bytes = 0;
  void body.read((c) => (bytes += c.length));
  assert.equal(bytes, 80 * 1024);
  assert.equal(calls.resumed, 1);
});

test('UpstreamBody: destroyed without an error, the reader sees an early close and the request is aborted', async () => {
  const { body, calls } = wired();
  const { done } = collect(body);
  body.destroy();
  await assert.rejects(done, (err) => err instanceof GatewayError && err.code === 'upstream_stream_truncated');
  assert.deepEqual(calls.aborted, [undefined]);
  body.destroy();
  assert.equal(calls.aborted.length, 1, 'destroying twice aborts once');
});

test('UpstreamBody: a reader that throws on a held chunk fails the read with its error and aborts the request', async () => {
  const { body, calls } = wired();
  body.push(buf('too much'));
  const refusal = new Error('over the limit');
  await assert.rejects(body.read(() => { throw refusal; }), (err) => err === refusal);
  assert.deepEqual(calls.aborted, [refusal]);
});

test('UpstreamBody: a reader that throws on a held chunk of a body that has already ended still fails the read with its error', async () => {
  const { body, calls } = wired();
  body.push(buf('data: {"error":{}}\n\n'));
  body.finish();
  const refusal = new Error('the stream carried an error event');
  await assert.rejects(body.read(() => { throw refusal; }), (err) => err === refusal);
  assert.deepEqual(calls.aborted, [], 'a body that has ended has no request left to abort');
});

test('UpstreamBody: dump reads to the end and swallows a failure', async () => {
  const { body } = wired();
  body.push(buf('x'));
  const dumped = body.dump();
  body.finish(new Error('reset'));
  await dumped;
});

const headerRows: Array<{ name: string; raw: string[]; expected: Record<string, string | string[]> }> = [
  { name: 'names lower-cased', raw: ['Content-Type', 'application/json', 'Retry-After', '2'], expected: { 'content-type': 'application/json', 'retry-after': '2' } },
  { name: 'a repeated name becomes a list, in order', raw: ['Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'Set-Cookie', 'c=3'], expected: { 'set-cookie': ['a=1', 'b=2', 'c=3'] } },
  { name: 'latin1 values kept byte for byte', raw: ['X-Note', 'caf\u00e9'], expected: { 'x-note': 'caf\u00e9' } },
  { name: 'a name that is an object key of every object', raw: ['__proto__', 'x', 'constructor', 'y'], expected: { ['__proto__']: 'x', constructor: 'y' } },
];
for (const row of headerRows) {
  test(`parseRawHeaders: ${row.name}`, () => {
    const parsed = parseRawHeaders(row.raw.map((s) => Buffer.from(s, 'latin1')));
    assert.deepEqual({ ...parsed }, row.expected);
  });
}
