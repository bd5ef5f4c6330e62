// Writes AWS event-stream frames. The gateway only reads them; fake upstreams and tests write them.

import { crc32 } from './crc32';
import type { HeaderValue } from './event-stream';

/** Header values: strings go as type 7, Buffers as 6, booleans as 0/1, numbers as int32, bigints as int64. */
export function encodeEventStreamMessage(headers: Record<string, HeaderValue>, payload: Buffer | string): Buffer {
  const headerBytes = Buffer.concat(Object.entries(headers).map(([name, value]) => encodeHeader(name, value)));
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const total = 12 + headerBytes.length + body.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headerBytes.length, 4);
  out.writeUInt32BE(crc32(out, 0, 8), 8);
  headerBytes.copy(out, 12);
  body.copy(out, 12 + headerBytes.length);
  out.writeUInt32BE(crc32(out, 0, total - 4), total - 4);
  return out;
}

/** A Bedrock ConverseStream event frame, shaped as the service sends it. */
export function encodeBedrockEvent(eventType: string, body: unknown): Buffer {
  return encodeEventStreamMessage({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify(body));
}

export function encodeBedrockException(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage({ ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));
}

function encodeHeader(name: string, value: HeaderValue): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const prefix = Buffer.concat([Buffer.from([nameBytes.length]), nameBytes]);
  if (typeof value === 'boolean') return Buffer.concat([prefix, Buffer.from([value ? 0 : 1])]);
  if (typeof value === 'number') {
    const v = Buffer.alloc(5);
    v[0] = 4;
    v.writeInt32BE(value, 1);
    return Buffer.concat([prefix, v]);
  }
  if (typeof value === 'bigint') {
    const v = Buffer.alloc(9);
    v[0] = 5;
    v.writeBigInt64BE(value, 1);
    return Buffer.concat([prefix, v]);
  }
  if (value instanceof Date) {
    const v = Buffer.alloc(9);
    v[0] = 8;
    v.writeBigInt64BE(BigInt(value.getTime()), 1);
    return Buffer.concat([prefix, v]);
  }
  const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const head = Buffer.alloc(3);
  head[0] = typeof value === 'string' ? 7 : 6;
  head.writeUInt16BE(data.length, 1);
  return Buffer.concat([prefix, head, data]);
}
