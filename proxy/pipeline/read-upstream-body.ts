// Reads a whole (non-streaming) upstream body, bounded so a runaway upstream cannot exhaust memory.

import { GatewayError } from '../errors';
import { classifyBodyFailure } from '../upstream/upstream-client';
import type { UpstreamBody } from '../upstream/upstream-body';
import type { UpstreamResponse } from '../upstream/upstream-client';

export async function readUpstreamBody(body: UpstreamBody, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    await body.read((chunk) => {
      size += chunk.length;
      if (size > limitBytes) throw upstreamBodyTooLarge(limitBytes);
      chunks.push(chunk);
    });
  } catch (err) {
    throw classifyBodyFailure(err);
  }
  return Buffer.concat(chunks, size);
}

/** A whole upstream body past the gateway's bound: the attempt fails rather than exhaust memory. */
export function upstreamBodyTooLarge(limitBytes: number): GatewayError {
  return new GatewayError('upstream_error', `upstream body exceeds ${limitBytes} bytes`, { status: 502, code: 'upstream_body_too_large' });
}

/**
 * A successful answer's whole body. An empty one (a 204, say) fails the attempt with a clear 502:
 * the client asked for an answer, and its SDK could not read an empty body as one.
 */
export async function readUpstreamAnswer(response: UpstreamResponse, limitBytes: number, target: string | null): Promise<Buffer> {
  const raw = await readUpstreamBody(response.body, limitBytes);
  if (raw.length === 0) throw new GatewayError('upstream_error', `upstream ${target} answered HTTP ${response.status} with an empty body`, { status: 502, code: 'invalid_upstream_response' });
  return raw;
}
