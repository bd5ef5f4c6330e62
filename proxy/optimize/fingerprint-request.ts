// The response cache's key: one SHA-256 over the canonical request (model, messages, tools,
// parameters) and the targets that could answer it. The stream flag is left out, because a cached
// answer replays as JSON or as a stream alike.

import { createHash } from 'node:crypto';
import type { CanonicalRequest } from '../formats/canonical';

export function fingerprintRequest(request: CanonicalRequest, targets: readonly string[]): string {
  const { stream: _stream, ...rest } = request;
  return createHash('sha256').update(JSON.stringify(rest)).update('\n').update(targets.join(',')).digest('hex');
}
