// A stream request answered with a JSON body instead of an event stream (status 200 all the same).
// Some upstreams, and proxies in front of them, report a failure that way: its error is classified
// as an error status would be, so the client and the log see the upstream's own words. Others
// (local servers especially) ignore `stream: true` and send the whole completion: that is a good,
// paid-for answer, which the caller streams to the client instead of failing over. A Gemini-compatible
// server may ignore `alt=sse` and send Gemini's other stream form, a JSON array of the chunks: that
// is an answer too, when the target's wire reads one.

import { GatewayError } from '../errors';
import type { CanonicalResponse } from '../formats/canonical';
import { isObject } from '../formats/openai-chat/json-fields';
import type { ProviderCodec } from '../providers/codec';

type Classify = (status: number, body: unknown) => GatewayError;
type Decode = (body: unknown) => CanonicalResponse;

/** The whole response a JSON answer holds, or the error it stands for. */
export type JsonAnswer = { response: CanonicalResponse } | { error: GatewayError };

/** An event stream opens with a field or a comment, never with `{` or `[`: a body that does is JSON. */
export function opensJsonAnswer(firstChunk: Buffer): boolean {
  for (const byte of firstChunk) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
}

/**
 * Reads a JSON answer to a stream request: the upstream's own error (or, in an array of chunks, the
 * error chunk a failing stream ends with), classified; else a response the target's codec decodes
 * (a codec throws on a body its wire never sends, an array included); else neither.
 */
export function readJsonAnswer(text: string, decode: Decode, classify: Classify): JsonAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: notAStream() };
  }
  const failure = Array.isArray(body) ? body.find(isErrorBody) : isErrorBody(body) ? body : undefined;
  if (failure !== undefined) {
    const error = classify(502, failure);
    error.upstreamStatus ??= 200;
    return { error };
  }
  try {
    return { response: decode(body) };
  } catch {
    return { error: notAStream() };
  }
}

/** A JSON answer as `codec` reads it: a whole response, or an array of stream chunks where its wire sends one. */
export function decodeJsonAnswer(codec: ProviderCodec<any>, body: unknown): CanonicalResponse {
  if (!Array.isArray(body)) return codec.decodeResponse(body);
  if (!codec.decodeResponseChunks) throw new GatewayError('unsupported', `the ${codec.wire} wire sends no array of stream chunks`);
  return codec.decodeResponseChunks(body);
}

/** OpenAI, Anthropic and Gemini wrap their error in `error`; Cohere and Bedrock give a bare `message`. */
function isErrorBody(body: unknown): boolean {
  return isObject(body) && (body.error !== undefined || typeof body.message === 'string');
}

function notAStream(): GatewayError {
  return new GatewayError('upstream_error', 'upstream answered a stream request with a JSON body instead of an event stream', { status: 502, code: 'upstream_not_a_stream' });
}
