// A stream request answered with a JSON body instead of an event stream (status 200 all the same).
// Some upstreams, and proxies in front of them, report a failure that way: its error is classified
// as an error status would be, so the client and the log see the upstream's own words. Others
// (local servers especially) ignore `stream: true` and send the whole completion: that is a good,
// paid-for answer, which the caller streams to the client instead of failing over.

import { GatewayError } from '../errors';
import type { CanonicalResponse } from '../formats/canonical';
import { isObject } from '../formats/openai-chat/json-fields';

type Classify = (status: number, body: unknown) => GatewayError;
type Decode = (body: unknown) => CanonicalResponse;

/** The whole response a JSON answer holds, or the error it stands for. */
export type JsonAnswer = { response: CanonicalResponse } | { error: GatewayError };

/** An event stream opens with a field or a comment, never with `{`: a body that does is JSON. */
export function opensJsonAnswer(firstChunk: Buffer): boolean {
  for (const byte of firstChunk) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b;
  }
  return false;
}

/**
 * Reads a JSON answer to a stream request: the upstream's own error, classified; else a response
 * the target's codec decodes (a codec throws on a body its wire never sends); else neither.
 */
export function readJsonAnswer(text: string, decode: Decode, classify: Classify): JsonAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: notAStream() };
  }
  // OpenAI, Anthropic and Gemini wrap their error in `error`; Cohere and Bedrock give a bare `message`.
  if (isObject(body) && (body.error !== undefined || typeof body.message === 'string')) {
    const error = classify(502, body);
    error.upstreamStatus ??= 200;
    return { error };
  }
  try {
    return { response: decode(body) };
  } catch {
    return { error: notAStream() };
  }
}

function notAStream(): GatewayError {
  return new GatewayError('upstream_error', 'upstream answered a stream request with a JSON body instead of an event stream', { status: 502, code: 'upstream_not_a_stream' });
}
