import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../errors';
import { crc32 } from './crc32';
import { EventStreamDecoder, type HeaderValue } from './event-stream';
import { encodeBedrockEvent, encodeBedrockException, encodeEventStreamMessage } from './event-stream-encoder';

// Positive vectors published with AWS's reference implementation (awslabs/aws-c-event-stream,
// test/resources encoded/positive): hand-checked here against their CRCs.
const AWS_VECTORS: Array<{ name: string; hex: string; headers: Record<string, HeaderValue>; payload: string }> = [
  {
    name: 'empty_message',
    hex: '000000100000000005c248eb7d98c8ff',
    headers: {},
    payload: '',
  },
  {
    name: 'int32_header',
    hex: '0000002d0000001041c424b80a6576656e742d747970650400' + '00a00c7b27666f6f273a27626172277d36f480a0',
    headers: { 'event-type': 40972 },
    payload: "{'foo':'bar'}",
  },
  {
    name: 'single_header (content-type string)',
    hex: '0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1',
    headers: { 'content-type': 'application/json' },
    payload: "{'foo':'bar'}",
  },
];

for (const row of AWS_VECTORS) {
  test(`AWS vector ${row.name} decodes and its CRCs check out`, () => {
    const bytes = Buffer.from(row.hex, 'hex');
    assert.equal(bytes.readUInt32BE(8), crc32(bytes, 0, 8), 'prelude CRC');
    assert.equal(bytes.readUInt32BE(bytes.length - 4), crc32(bytes, 0, bytes.length - 4), 'message CRC');
    const [message] = new EventStreamDecoder().pushMessages(bytes);
    assert.deepEqual(message.headers, row.headers);
    assert.equal(message.payload.toString('utf8'), row.payload);
  });
  test(`our encoder reproduces AWS vector ${row.name} byte for byte`, () => {
    assert.equal(encodeEventStreamMessage(row.headers, row.payload).toString('hex'), row.hex);
  });
}

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

const FRAME_ROWS = [
  {
    name: 'a Bedrock event becomes {event: :event-type, data: payload}',
    input: [encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' }, p: 'abcdef' })],
    expected: [{ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcdef"}', raw: '' }],
  },
  {
    name: 'an exception becomes event "exception" carrying its type',
    input: [encodeBedrockException('throttlingException', 'Too many requests')],
    expected: [{ event: 'exception', data: '{"exceptionType":"throttlingException","message":"Too many requests"}', raw: '' }],
  },
  {
    name: 'an error message uses :error-code and :error-message',
    input: [encodeEventStreamMessage({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'boom' }, '')],
    expected: [{ event: 'exception', data: '{"exceptionType":"InternalFailure","message":"boom"}', raw: '' }],
  },
];
for (const row of FRAME_ROWS) {
  test(row.name, () => {
    const decoder = new EventStreamDecoder();
    assert.deepEqual(row.input.flatMap((chunk) => decoder.push(chunk)), row.expected);
  });
}

test('frames split at every possible byte boundary decode identically', () => {
  const stream = Buffer.concat([
    encodeBedrockEvent('messageStart', { role: 'assistant' }),
    encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo ✓' } }),
    encodeBedrockEvent('messageStop', { stopReason: 'end_turn' }),
  ]);
  const whole = new EventStreamDecoder().push(stream);
  assert.equal(whole.length, 3);
  for (let cut = 1; cut < stream.length; cut++) {
    const decoder = new EventStreamDecoder();
    const frames = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
    assert.deepEqual(frames, whole, `cut at ${cut}`);
    decoder.finish();
  }
  const bytewise = new EventStreamDecoder();
  const frames = [...stream].flatMap((byte) => bytewise.push(Buffer.from([byte])));
  assert.deepEqual(frames, whole);
});

function corrupted(mutate: (frame: Buffer) => void): Buffer {
  const frame = encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } });
  mutate(frame);
  return frame;
}

const CORRUPT_ROWS = [
  { name: 'a flipped payload byte fails the message CRC', input: corrupted((f) => { f[f.length - 8] ^= 0x01; }), message: /message CRC/ },
  { name: 'a flipped length byte fails the prelude CRC', input: corrupted((f) => { f[3] ^= 0x01; }), message: /prelude CRC/ },
  { name: 'a wrong message CRC is refused', input: corrupted((f) => { f.writeUInt32BE(0, f.length - 4); }), message: /message CRC/ },
  {
    name: 'headers longer than the message are refused',
    input: (() => {
      const f = Buffer.alloc(16);
      f.writeUInt32BE(16, 0);
      f.writeUInt32BE(8, 4);
      f.writeUInt32BE(crc32(f, 0, 8), 8);
      return f;
    })(),
    message: /impossible lengths/,
  },
];
for (const row of CORRUPT_ROWS) {
  test(row.name, () => {
    assert.throws(() => new EventStreamDecoder().push(row.input), (err: unknown) => err instanceof GatewayError && err.kind === 'upstream_error' && row.message.test(err.message));
  });
}

test('a stream cut inside a frame is reported at finish', () => {
  const decoder = new EventStreamDecoder();
  const frame = encodeBedrockEvent('messageStart', { role: 'assistant' });
  assert.deepEqual(decoder.push(frame.subarray(0, 20)), []);
  assert.throws(() => decoder.finish(), /ended inside a frame/);
});

test('every header type round-trips', () => {
  const headers = { t: true, f: false, i: -7, l: 9007199254740993n, s: 'str', b: Buffer.from([1, 2, 3]), d: new Date(1_700_000_000_123) };
  const [message] = new EventStreamDecoder().pushMessages(encodeEventStreamMessage(headers, 'p'));
  assert.deepEqual(message.headers, headers);
});
