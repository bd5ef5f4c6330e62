import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from './sse-parser';

const cases: Array<{ name: string; chunks: string[]; expected: Array<{ event?: string; data: string }> }> = [
  { name: 'one frame in one chunk', chunks: ['data: {"a":1}\n\n'], expected: [{ data: '{"a":1}' }] },
  { name: 'frame split across chunks', chunks: ['data: {"a"', ':1}\n', '\n'], expected: [{ data: '{"a":1}' }] },
  { name: 'named events', chunks: ['event: ping\ndata: {}\n\nevent: stop\ndata: x\n\n'], expected: [{ event: 'ping', data: '{}' }, { event: 'stop', data: 'x' }] },
  { name: 'CRLF line endings', chunks: ['data: a\r\n\r\ndata: b\r\n\r\n'], expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'comments are skipped', chunks: [': keep-alive\n\ndata: z\n\n'], expected: [{ data: 'z' }] },
  { name: 'multi-line data joins with newline', chunks: ['data: one\ndata: two\n\n'], expected: [{ data: 'one\ntwo' }] },
];

for (const c of cases) {
  test(`SseParser: ${c.name}`, () => {
    const parser = new SseParser();
    const frames = c.chunks.flatMap((chunk) => parser.push(chunk));
    assert.deepEqual(frames.map((f) => ({ ...(f.event ? { event: f.event } : {}), data: f.data })), c.expected);
  });
}

test('SseParser: raw keeps the exact bytes for pass-through', () => {
  const parser = new SseParser();
  const input = 'data: {"x":1}\n\ndata: [DONE]\n\n';
  const frames = parser.push(input);
  assert.equal(frames.map((f) => f.raw).join(''), input);
});

test('SseParser: flush returns an unterminated last frame', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('data: tail'), []);
  assert.deepEqual(parser.flush().map((f) => f.data), ['tail']);
});

test('SseParser: frames that dispatch no event are dropped, or returned whole when asked for', () => {
  const input = ': keep-alive\n\nretry: 500\n\ndata: x\n\n';
  assert.deepEqual(new SseParser().push(input).map((f) => f.data), ['x']);
  const frames = new SseParser({ eventless: true }).push(input);
  assert.deepEqual(frames.map((f) => [f.raw, f.eventless ?? false]), [[': keep-alive\n\n', true], ['retry: 500\n\n', true], ['data: x\n\n', false]]);
});
