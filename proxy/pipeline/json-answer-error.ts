// A stream request answered with a JSON body instead of an event stream (status 200 all the same):
// some upstreams, and proxies in front of them, report a failure that way. The body is read whole,
// within a bound, and its error classified as an error status would be, so the client and the log
// see the upstream's own words rather than a stream that seemed to end early.

import { GatewayError } from '../errors';
import { isObject } from '../formats/openai-chat/json-fields';

/** A JSON answer longer than this is not an error report: the attempt fails without reading on. */
export const MAX_JSON_ANSWER_BYTES = 64 * 1024;

type Classify = (status: number, body: unknown) => GatewayError;

/** An event stream opens with a field or a comment, never with `{`: a body that does is JSON. */
export function opensJsonAnswer(firstChunk: Buffer): boolean {
  for (const byte of firstChunk) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b;
  }
  return false;
}

/** The error a JSON answer to a stream request stands for: its own, classified, or that it is not a stream. */
export function jsonAnswerError(text: string | undefined, classify: Classify): GatewayError {
  let body: unknown;
  try {
    body = text === undefined ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  // OpenAI, Anthropic and Gemini wrap their error in `error`; Cohere and Bedrock give a bare `message`.
  if (isObject(body) && (body.error !== undefined || typeof body.message === 'string')) {
    const error = classify(502, body);
    error.upstreamStatus ??= 200;
    return error;
  }
  return new GatewayError('upstream_error', 'upstream answered a stream request with a JSON body instead of an event stream', { status: 502, code: 'upstream_not_a_stream' });
}
