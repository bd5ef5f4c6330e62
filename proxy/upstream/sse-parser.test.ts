import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SseParser } from './sse-parser';

const cases: Array<{ name: string; chunks: string[]; expected: Array<{ event?: string; data: string }> }> = [
  { name: 'one frame in one chunk', chunks: ['data: {"a":1}\n\n'], expected: [{ data: '{"a":1}' }] },
  { name: 'frame split across chunks', chunks: ['data: {"a"', ':1}\n', '\n'], expected: [{ data: '{"a":1}' }] },
  { name: 'named events', chunks: ['event: ping\ndata: {}\n\nevent: stop\ndata: x\n\n'], expected: [{ event: 'ping', data: '{}' }, { event: 'stop', data: 'x' }] },
  { name: 'CRLF line endings', chunks: ['data: a\r\n\r\ndata: b\r\n\r\n'], expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'comments are skipped', chunks: [': keep-alive\n\ndata: z\n\n'], expected: [{ data: 'z' }] },
  { name: 'multi-line data joins with newline', chunks: ['data: one\ndata: two\n\n'], expected: [{ data: 'one\ntwo' }] },
  { name: 'lone CR line endings', chunks: ['data: a\r\rdata: b\r\r'], expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'lone CR after an event line', chunks: ['event: ping\rdata: {}\r\r'], expected: [{ event: 'ping', data: '{}' }] },
  { name: 'lone CR blank line after an LF line', chunks: ['data: a\n\rdata: b\n\n'], expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'lone CR line, then a CRLF blank line', chunks: ['data: a\r\r\ndata: b\r\r\n'], expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'CR, LF and CRLF mixed in one frame', chunks: ['data: a\r\ndata: b\rdata: c\n\r\n'], expected: [{ data: 'a\nb\nc' }] },
  { name: 'CRLF split across chunks inside a frame is one line ending', chunks: ['data: a\r', '\ndata: b\r\n\r\n'], expected: [{ data: 'a\nb' }] },
  { name: 'CRLF split across chunks on the blank line is one line ending', chunks: ['data: a\r\n\r', '\ndata: b\r\n\r', '\n'], expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'a data line with no colon is empty data', chunks: ['data\n\n'], expected: [{ data: '' }] },
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

// What each push returns, with eventless frames kept as a pass-through asks: a frame ending on a
// CR is returned at once, and an LF completing that CRLF in the next chunk is not a frame of its own.
const pushes: Array<{ name: string; chunks: string[]; expected: Array<Array<[raw: string, data: string]>> }> = [
  { name: 'a frame ending on a lone CR at the chunk end is not held', chunks: ['data: a\r\r', 'data: b\r\r'], expected: [[['data: a\r\r', 'a']], [['data: b\r\r', 'b']]] },
  { name: 'the LF completing a split CRLF rides with the next frame', chunks: ['data: a\r\n\r', '\ndata: b\n\n'], expected: [[['data: a\r\n\r', 'a']], [['\ndata: b\n\n', 'b']]] },
  { name: 'a chunk holding only that LF returns nothing', chunks: ['data: a\r\r', '\n', 'data: b\n\n'], expected: [[['data: a\r\r', 'a']], [], [['\ndata: b\n\n', 'b']]] },
  { name: 'a blank line after that LF joins the next frame, like any leading blank line', chunks: ['data: a\r\r', '\n\n', 'data: b\n\n'], expected: [[['data: a\r\r', 'a']], [], [['\n\ndata: b\n\n', 'b']]] },
];

for (const c of pushes) {
  test(`SseParser push by push: ${c.name}`, () => {
    const parser = new SseParser({ eventless: true });
    assert.deepEqual(c.chunks.map((chunk) => parser.push(chunk).map((f) => [f.raw, f.data])), c.expected);
    assert.equal(c.expected.flat().map(([raw]) => raw).join(''), c.chunks.join(''), 'every byte is forwarded once');
  });
}

test('SseParser: any mix of CR, LF and CRLF, cut anywhere, gives the frames whole and every byte once', () => {
  const eol = fc.constantFrom('\n', '\r', '\r\n');
  const frame = fc.record({ lines: fc.array(fc.stringMatching(/^[a-z0-9 {}":]*$/), { minLength: 1, maxLength: 3 }), ends: fc.array(eol, { minLength: 4, maxLength: 4 }) });
  fc.assert(
    fc.property(fc.array(frame, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 8 }), (frames, cuts) => {
      // A CR then an LF is one line ending: after a line ending in CR, the blank line is CR or CRLF.
      const blank = (f: { lines: string[]; ends: string[] }) => (f.ends[f.lines.length - 1] === '\r' && f.ends[3] === '\n' ? '\r\n' : f.ends[3]);
      const text = frames.map((f) => f.lines.map((line, i) => `data: ${line}${f.ends[i]}`).join('') + blank(f)).join('');
      const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((from, i) => text.slice(from, i < at.length ? at[i] : undefined));
      const parser = new SseParser({ eventless: true });
      const got = chunks.flatMap((chunk) => parser.push(chunk));
      assert.deepEqual(got.filter((f) => !f.eventless).map((f) => f.data), frames.map((f) => f.lines.join('\n')));
      assert.equal(got.map((f) => f.raw).join('') + parser.flush().map((f) => f.raw).join(''), text);
    }),
  );
});
