// Reads a request body up to a byte limit; a larger body is refused without reading the rest.

import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors';
import { CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE, stringEnd } from './json-bytes';

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', (err) => reject(new GatewayError('invalid_request', 'request body could not be read', { cause: err })));
  });
}

function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError('payload_too_large', `request body exceeds the ${limitBytes} byte limit`, { code: 'request_too_large' });
}

/** Deeper bodies are refused: JSON.parse has no depth limit, but the recursive code after it has a stack. */
export const MAX_JSON_DEPTH = 128;

/** The deepest bracket nesting in JSON text, strings skipped; a byte scan, no allocation. */
export function jsonDepth(raw: Buffer, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === QUOTE) {
      i = stringEnd(raw, i);
      if (i < 0) return deepest; // an unterminated string: JSON.parse refuses the body anyway
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/** Parses a JSON object body; anything else is a 400 that says what was wrong. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) throw new GatewayError('invalid_request', 'request body is empty; expected a JSON object', { code: 'invalid_json' });
  if (jsonDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new GatewayError('invalid_request', `request body nests deeper than ${MAX_JSON_DEPTH} levels`, { code: 'invalid_json' });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new GatewayError('invalid_request', `request body is not valid JSON: ${(err as Error).message}`, { code: 'invalid_json' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayError('invalid_request', 'request body must be a JSON object', { code: 'invalid_json' });
  }
  return value as Record<string, unknown>;
}
