// Reads a whole (non-streaming) upstream body, bounded so a runaway upstream cannot exhaust memory.

import { GatewayError } from '../errors';
import { classifyBodyFailure } from '../upstream/upstream-client';
import type { UpstreamBody } from '../upstream/upstream-body';

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
