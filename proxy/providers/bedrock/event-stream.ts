// AWS event-stream (application/vnd.amazon.eventstream) decoder: binary frames in, one SseFrame per message out.
// Frame layout: total length, headers length, prelude CRC, headers, payload, message CRC (all big-endian).
// https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html

import { GatewayError } from '../../errors';
import type { SseFrame } from '../codec';
import { crc32 } from './crc32';

const PRELUDE_BYTES = 12;
const MIN_MESSAGE_BYTES = 16;
/** The format's own ceiling (aws-c-event-stream): anything larger is corruption, not data. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export type HeaderValue = boolean | number | bigint | string | Buffer | Date;

export interface EventStreamMessage {
  headers: Record<string, HeaderValue>;
  payload: Buffer;
}

export class EventStreamDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Returns a frame for every message this chunk completes. Throws on a corrupt frame: the stream cannot resync. */
  push(chunk: Buffer): SseFrame[] {
    return this.pushMessages(chunk).map(toFrame);
  }

  /** Like push, but returns the decoded messages with all their headers. */
  pushMessages(chunk: Buffer): EventStreamMessage[] {
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    const messages: EventStreamMessage[] = [];
    for (;;) {
      const message = this.takeMessage();
      if (!message) break;
      messages.push(message);
    }
    return messages;
  }

  /** Call when the body ends: leftover bytes mean the upstream cut a frame short. */
  finish(): void {
    if (this.pendingBytes > 0) throw corrupt(`stream ended inside a frame (${this.pendingBytes} bytes left)`);
  }

  private takeMessage(): EventStreamMessage | undefined {
    if (this.pendingBytes < PRELUDE_BYTES) return undefined;
    const buffer = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [buffer];
    const total = buffer.readUInt32BE(0);
    const headersLength = buffer.readUInt32BE(4);
    if (crc32(buffer, 0, 8) !== buffer.readUInt32BE(8)) throw corrupt('prelude CRC mismatch');
    if (total < MIN_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES || headersLength > total - MIN_MESSAGE_BYTES) {
      throw corrupt(`impossible lengths (total ${total}, headers ${headersLength})`);
    }
    if (buffer.length < total) return undefined;
    if (crc32(buffer, 0, total - 4) !== buffer.readUInt32BE(total - 4)) throw corrupt('message CRC mismatch');
    const headers = decodeHeaders(buffer.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headersLength));
    const payload = Buffer.from(buffer.subarray(PRELUDE_BYTES + headersLength, total - 4));
    const rest = buffer.subarray(total);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return { headers, payload };
  }
}

export function decodeHeaders(bytes: Buffer): Record<string, HeaderValue> {
  const headers: Record<string, HeaderValue> = {};
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw corrupt('header runs past its block');
  };
  while (at < bytes.length) {
    need(1);
    const nameLength = bytes[at++];
    need(nameLength + 1);
    const name = bytes.toString('utf8', at, at + nameLength);
    at += nameLength;
    const type = bytes[at++];
    switch (type) {
      case 0: headers[name] = true; break;
      case 1: headers[name] = false; break;
      case 2: need(1); headers[name] = bytes.readInt8(at); at += 1; break;
      case 3: need(2); headers[name] = bytes.readInt16BE(at); at += 2; break;
      case 4: need(4); headers[name] = bytes.readInt32BE(at); at += 4; break;
      case 5: need(8); headers[name] = bytes.readBigInt64BE(at); at += 8; break;
      case 6:
      case 7: {
        need(2);
        const length = bytes.readUInt16BE(at);
        at += 2;
        need(length);
        headers[name] = type === 7 ? bytes.toString('utf8', at, at + length) : Buffer.from(bytes.subarray(at, at + length));
        at += length;
        break;
      }
      case 8: need(8); headers[name] = new Date(Number(bytes.readBigInt64BE(at))); at += 8; break;
      case 9: need(16); headers[name] = bytes.toString('hex', at, at + 16); at += 16; break;
      default: throw corrupt(`unknown header type ${type}`);
    }
  }
  return headers;
}

/** Events become `{event: :event-type}`; exceptions and errors become `{event: 'exception'}` with their type in data. */
function toFrame(message: EventStreamMessage): SseFrame {
  const kind = message.headers[':message-type'];
  const body = message.payload.toString('utf8');
  if (kind === 'exception' || kind === 'error') {
    const exceptionType = String(message.headers[':exception-type'] ?? message.headers[':error-code'] ?? 'UnknownError');
    let detail: unknown = body;
    try {
      detail = JSON.parse(body);
    } catch {
      // A non-JSON payload is kept as text.
    }
    const errorMessage = message.headers[':error-message'];
    const text = typeof detail === 'object' && detail !== null && 'message' in detail ? String((detail as { message: unknown }).message) : String(errorMessage ?? body);
    return { event: 'exception', data: JSON.stringify({ exceptionType, message: text }), raw: '' };
  }
  const eventType = message.headers[':event-type'];
  return { event: typeof eventType === 'string' ? eventType : undefined, data: body, raw: '' };
}

function corrupt(detail: string): GatewayError {
  return new GatewayError('upstream_error', `corrupt AWS event-stream frame: ${detail}`, { code: 'upstream_stream_corrupt' });
}
