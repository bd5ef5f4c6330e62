// fast-check generators of plausibly shaped upstream garbage for each provider wire: the wire's
// own answers, error body and streams, text and tool calls (the midstream fake's scripts, the
// codecs' wire fixtures, and a tool call for Cohere and Bedrock below) with fields replaced
// by values of the wrong type, removed, nested deep or made huge; JSON cut short or carrying
// invalid UTF-8; random statuses and content types; SSE with unknown event names, comments, data
// lines of the wrong shape, dropped frames and no terminator; Bedrock event-stream frames with bad
// checksums and impossible lengths.

import fc from 'fast-check';
import { scriptFor, type Wire } from './midstream-fault-upstream';
import type { GarbageReply } from './garbage-upstream';
import { EventStreamDecoder, type HeaderValue } from '../../proxy/providers/bedrock/event-stream';
import { encodeEventStreamMessage } from '../../proxy/providers/bedrock/event-stream-encoder';
import { crc32 } from '../../proxy/providers/bedrock/crc32';
import * as openaiWire from '../../proxy/providers/openai/fixtures/openai-wire';
import * as anthropicWire from '../../proxy/providers/anthropic/fixtures/anthropic-wire';
import * as geminiWire from '../../proxy/providers/gemini/fixtures/gemini-wire-fixtures';

const STATUSES = [200, 201, 204, 400, 401, 404, 408, 409, 429, 500, 502, 503, 529];
const LONG = 'x'.repeat(300_000);
const DEEP_ARRAY = JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown;
const DEEP_OBJECT = JSON.parse('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)) as unknown;

/** A value of any type, including the ones that break careless readers of numbers and strings. */
const garbageValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, -5e9, 1e308, -1e308, 2 ** 64, 0.5, -0.25, '', '42', '-7', 'NaN', '1e999', '\u0000', 'a\u0000b', '\ud800', LONG, DEEP_ARRAY, DEEP_OBJECT, [], {}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

type Path = Array<string | number>;

/** Paths a few levels deep: inserted garbage may nest thousands of levels, too deep to walk. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object' && prefix.length < 8) {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      pathsOf(child, path, out);
    }
  }
  return out;
}

interface Mutation {
  at: number;
  value: unknown;
  remove: boolean;
}

const mutations = fc.array(fc.record({ at: fc.nat(), value: garbageValue, remove: fc.boolean() }), { maxLength: 4 });

function applyMutations(template: unknown, list: Mutation[]): unknown {
  const root = { root: JSON.parse(JSON.stringify(template)) as unknown } as Record<string, unknown>;
  for (const m of list) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], root);
    if (parent === null || typeof parent !== 'object') continue;
    const key = path[path.length - 1]!;
    if (m.remove && path.length > 1) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else parent[key] = m.value;
  }
  return root.root;
}

/** The template with up to four fields replaced by garbage or removed (none, now and then). */
const mutatedJson = (template: unknown) => mutations.map((list) => applyMutations(template, list));

/** JSON text as written, cut short, or with bytes that are not UTF-8 inside it. */
const mangledText = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.constantFrom('none', 'none', 'truncate', 'bad-utf8'), fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([t, how, where, bytes]) => {
    const buffer = Buffer.from(t, 'utf8');
    const at = Math.floor(where * buffer.length);
    if (how === 'truncate') return buffer.subarray(0, at);
    if (how === 'bad-utf8') return Buffer.concat([buffer.subarray(0, at), Buffer.from(bytes.map((b) => b | 0x80)), buffer.subarray(at)]);
    return buffer;
  });

const errorBodyText = (template: object) =>
  fc.oneof(
    mutatedJson(template).map((v) => JSON.stringify(v)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('', 'upstream exploded', '<html><body>502 Bad Gateway</body></html>', '{"error":', 'null', '[]'),
  );

const contentTypeOr = (right: string) => fc.constantFrom<string | null>(right, right, right, 'application/json', 'text/plain', 'text/event-stream', null);

function reply(status: number, contentType: string | null, body: Buffer | Buffer[], cut = false, headers: Record<string, string> = {}): GarbageReply {
  const out: GarbageReply = { status, contentType, headers, chunks: Array.isArray(body) ? body : [body], cut };
  // A counterexample reads as the upstream's bytes, not as arrays of numbers.
  return Object.assign(out, { [fc.toStringMethod]: () => describeReply(out) });
}

/** The reply as one line: status, content type, how it ends, and its first bytes. */
export function describeReply(reply: GarbageReply): string {
  const bytes = Buffer.concat(reply.chunks);
  return `${reply.status} ${reply.contentType} ${JSON.stringify(reply.headers ?? {})} cut=${reply.cut} ${bytes.length} bytes: ${JSON.stringify(bytes.subarray(0, 600).toString('latin1'))}`;
}

/**
 * Headers that say when to come back, in forms no reader should trust. Waits stay short or in the
 * past: a long one would rest the only key and starve the rest of the run of upstream calls.
 */
const waitHeaders = fc.dictionary(
  fc.constantFrom('retry-after', 'retry-after-ms', 'x-ratelimit-reset-requests', 'x-ratelimit-remaining-requests', 'anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-tokens-remaining'),
  fc.constantFrom('-5', 'abc', '', '0', '0.001', 'NaN', 'Infinity', '1e999', '-1e999', 'Wed, 21 Oct 2015 07:28:00 GMT', '2015-10-21T07:28:00Z', '1m-3s', '5ms', '9'.repeat(400)),
  { maxKeys: 3 },
);

/** Any status with an error body of the wire's shape, some other JSON, or text. */
const errorReply = (wire: Wire) =>
  fc.tuple(fc.constantFrom(...STATUSES), contentTypeOr('application/json'), mangledText(errorBodyText(scriptFor(wire, 'm', true, '\n').errorBody)), waitHeaders)
    .map(([status, type, body, headers]) => reply(status, type, body, false, headers));

/** A 2xx whole answer of the wire's shape, text or tool calls, mutated. */
const answerReply = (wire: Wire) =>
  fc.tuple(fc.constantFrom(200, 200, 201), contentTypeOr('application/json'), mangledText(fc.constantFrom(...answersOf(wire)).chain(mutatedJson).map((v) => JSON.stringify(v)))).map(([status, type, body]) => reply(status, type, body));

/** One stream event: its name (SSE `event:`, Bedrock `:event-type`) and its JSON data. */
interface StreamFrame {
  event?: string;
  data: unknown;
}

const bedrockToolUse = { toolUseId: 'tooluse_1', name: 'get_weather' };
const cohereUsage = { billed_units: { input_tokens: 10, output_tokens: 3 }, tokens: { input_tokens: 10, output_tokens: 3 } };
const cohereCall = (index: number, toolCalls: object) => ({ type: 'tool-call-delta', index, delta: { message: { tool_calls: toolCalls } } });

/** A tool call answered whole: the codecs' wire fixtures, and shapes from the Cohere and Bedrock docs. */
const TOOL_ANSWERS: Record<Wire, object> = {
  openai: openaiWire.TOOL_CALL_COMPLETION,
  anthropic: anthropicWire.TOOL_USE_MESSAGE,
  gemini: geminiWire.parallelCallsResponse,
  cohere: { id: 'co-t', finish_reason: 'TOOL_CALL', message: { role: 'assistant', tool_plan: 'look it up', tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }, usage: cohereUsage },
  bedrock: { output: { message: { role: 'assistant', content: [{ toolUse: { ...bedrockToolUse, input: { city: 'Paris' } } }] } }, stopReason: 'tool_use', usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 } },
};

/** A tool call streamed: fragments of its arguments, then the finish and usage. */
const TOOL_STREAMS: Record<Wire, StreamFrame[]> = {
  openai: parseSse(openaiWire.TOOL_STREAM),
  anthropic: parseSse(anthropicWire.TOOL_STREAM),
  gemini: geminiWire.streamFrames.map((data) => ({ data: JSON.parse(data) as unknown })),
  cohere: [
    { event: 'message-start', data: { type: 'message-start', id: 'co-t', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [] } } } },
    { event: 'tool-call-start', data: { type: 'tool-call-start', index: 0, delta: { message: { tool_calls: { id: 'get_weather_x', type: 'function', function: { name: 'get_weather', arguments: '' } } } } } },
    { event: 'tool-call-delta', data: cohereCall(0, { function: { arguments: '{"city":' } }) },
    { event: 'tool-call-delta', data: cohereCall(0, { function: { arguments: '"Paris"}' } }) },
    { event: 'tool-call-end', data: { type: 'tool-call-end', index: 0 } },
    { event: 'message-end', data: { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: cohereUsage } } },
  ],
  bedrock: [
    { event: 'messageStart', data: { role: 'assistant' } },
    { event: 'contentBlockStart', data: { contentBlockIndex: 0, start: { toolUse: bedrockToolUse } } },
    { event: 'contentBlockDelta', data: { contentBlockIndex: 0, delta: { toolUse: { input: '{"city":' } } } },
    { event: 'contentBlockDelta', data: { contentBlockIndex: 0, delta: { toolUse: { input: '"Paris"}' } } } },
    { event: 'contentBlockStop', data: { contentBlockIndex: 0 } },
    { event: 'messageStop', data: { stopReason: 'tool_use' } },
    { event: 'metadata', data: { usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 }, metrics: { latencyMs: 5 } } },
  ],
};

function answersOf(wire: Wire): object[] {
  return [scriptFor(wire, 'm', true, '\n').answerBody('hello'), TOOL_ANSWERS[wire]];
}

/** SSE text as its events. */
function parseSse(text: string): StreamFrame[] {
  return text.split(/\n\n/).filter((block) => block.includes('data: ')).map((block) => {
    const lines = block.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.find((l) => l.startsWith('data: '))!.slice(6);
    return { event, data: data === '[DONE]' ? data : (JSON.parse(data) as unknown) };
  });
}

/** The wire's text stream (from the midstream fake) and its tool-call stream. */
function streamsOf(wire: Wire): StreamFrame[][] {
  const { head, finish, after } = scriptFor(wire, 'm', true, '\n');
  const frames = [...head, ...finish, ...after];
  const text = wire === 'bedrock'
    ? frames.flatMap((frame) => new EventStreamDecoder().pushMessages(frame as Buffer)).map((m) => ({ event: String(m.headers[':event-type']), data: JSON.parse(m.payload.toString('utf8')) as unknown }))
    : frames.flatMap((frame) => parseSse(String(frame)));
  return [text, TOOL_STREAMS[wire]];
}

const EVENT_NAMES = ['message', 'error', 'ping', '', 'message_start', 'content_block_delta', 'message_stop', 'response.completed', 'content-delta', 'message-end', 'bogus event'];

/** A raw SSE piece to insert: a comment, a data line that is not JSON or of the wrong shape, a huge frame. */
const insertedSse = fc.oneof(
  fc.constantFrom(': keep-alive', ':', 'data: not json', 'data: [DONE]', 'data:', 'event: error', 'retry: 10', 'id: 7', 'data: {"type":', `data: ${JSON.stringify({ text: LONG })}`, 'data: {}', 'data: null', 'data: 42'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `data: ${JSON.stringify(v)}`),
  fc.tuple(fc.constantFrom(...EVENT_NAMES), fc.jsonValue({ maxDepth: 2 })).map(([e, v]) => `event: ${e}\ndata: ${JSON.stringify(v)}`),
);

const streamEdits = fc.record({
  dataEdits: fc.array(fc.tuple(fc.nat(), mutations), { maxLength: 3 }),
  renames: fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...EVENT_NAMES), fc.string({ maxLength: 10 }))), { maxLength: 2 }),
  drops: fc.array(fc.nat(), { maxLength: 2 }),
  inserts: fc.array(fc.tuple(fc.nat(), insertedSse), { maxLength: 3 }),
  /** Bytes kept of the whole stream: the end cut at any point, or all of it. */
  keep: fc.oneof(fc.constant(1), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
  cut: fc.boolean(),
});

function sseReply(wire: Wire): fc.Arbitrary<GarbageReply> {
  return fc.tuple(fc.constantFrom(...streamsOf(wire)), streamEdits, fc.constantFrom('\n', '\r\n'), contentTypeOr('text/event-stream')).map(([template, edits, eol, type]) => {
    const frames = template.map((f) => ({ ...f }));
    for (const [at, list] of edits.dataEdits) frames[at % frames.length]!.data = applyMutations(frames[at % frames.length]!.data, list);
    for (const [at, name] of edits.renames) frames[at % frames.length]!.event = name;
    let texts = frames.map((f) => `${f.event === undefined ? '' : `event: ${f.event}\n`}data: ${typeof f.data === 'string' ? f.data : JSON.stringify(f.data)}`);
    for (const at of edits.drops) texts.splice(at % texts.length, 1);
    for (const [at, piece] of edits.inserts) texts.splice(at % (texts.length + 1), 0, piece);
    texts = texts.map((t) => t.replaceAll('\n', eol) + eol + eol);
    const bytes = Buffer.from(texts.join(''), 'utf8');
    const kept = bytes.subarray(0, Math.floor(edits.keep * bytes.length));
    return reply(200, type, [kept], edits.cut);
  });
}

const BEDROCK_TYPES = ['exception', 'messageStart', 'contentBlockStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata', 'internalServerException', 'throttlingException', 'bogus'];

function bedrockStreamReply(): fc.Arbitrary<GarbageReply> {
  const edits = fc.record({
    stream: streamEdits,
    messageTypes: fc.array(fc.tuple(fc.nat(), fc.constantFrom('event', 'exception', 'error', 'bogus')), { maxLength: 1 }),
    /** Bit flips anywhere in the bytes: a bad checksum, or a length that no longer fits. */
    flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 2 }),
    /** A frame whose prelude states an impossible length, with its prelude checksum right. */
    badLength: fc.option(fc.tuple(fc.nat(), fc.nat({ max: 0xffffffff })), { nil: undefined }),
  });
  return fc.tuple(fc.constantFrom(...streamsOf('bedrock')), edits, fc.constantFrom(...BEDROCK_TYPES)).map(([template, e, typeName]) => {
    const frames = template.map((f) => ({ headers: { ':event-type': f.event!, ':content-type': 'application/json', ':message-type': 'event' } as Record<string, HeaderValue>, payload: f.data }));
    for (const [at, list] of e.stream.dataEdits) frames[at % frames.length]!.payload = applyMutations(frames[at % frames.length]!.payload, list);
    for (const [at] of e.stream.renames) frames[at % frames.length]!.headers[':event-type'] = typeName;
    for (const [at, kind] of e.messageTypes) frames[at % frames.length]!.headers[':message-type'] = kind;
    for (const at of e.stream.drops) frames.splice(at % frames.length, 1);
    const buffers = frames.map((f) => encodeEventStreamMessage(f.headers, JSON.stringify(f.payload)));
    if (e.badLength && buffers.length > 0) {
      const [at, total] = e.badLength;
      const frame = Buffer.from(buffers[at % buffers.length]!);
      frame.writeUInt32BE(total, 0);
      // The prelude checksum recomputed, so the impossible length itself is what is read.
      frame.writeUInt32BE(crc32(frame, 0, 8), 8);
      buffers[at % buffers.length] = frame;
    }
    const bytes = Buffer.concat(buffers);
    for (const [where, mask] of e.flips) bytes[Math.floor(where * bytes.length)] ^= mask;
    return reply(200, 'application/vnd.amazon.eventstream', [bytes.subarray(0, Math.floor(e.stream.keep * bytes.length))], e.stream.cut);
  });
}

/** What a fake upstream of `wire` answers a request, streaming or not. */
export function garbageReply(wire: Wire, stream: boolean): fc.Arbitrary<GarbageReply> {
  if (!stream) return fc.oneof({ weight: 3, arbitrary: answerReply(wire) }, { weight: 2, arbitrary: errorReply(wire) });
  const streamed = wire === 'bedrock' ? bedrockStreamReply() : sseReply(wire);
  return fc.oneof({ weight: 4, arbitrary: streamed }, { weight: 1, arbitrary: answerReply(wire) }, { weight: 1, arbitrary: errorReply(wire) });
}
