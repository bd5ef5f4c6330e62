// The response cache's key: one SHA-256 over the canonical request (model, messages, tools,
// parameters), the client headers that reach the upstream (an `anthropic-beta` flag changes the
// answer as much as a parameter does) and the targets that could answer it. The stream flag is
// left out, because a cached answer replays as JSON or as a stream alike.

import { createHash } from 'node:crypto';
import type { CanonicalRequest } from '../formats/canonical';

export function fingerprintRequest(request: CanonicalRequest, targets: readonly string[], clientHeaders: Readonly<Record<string, string>> = {}): string {
  const { stream: _stream, messages, ...rest } = request;
  // Message by message: a coding agent's history is hundreds of kilobytes, and serialising it as one
  // string (and that string again as UTF-8 for the hash) cost milliseconds of large allocations per
  // request. JSON has no raw newline, so newline-separated pieces stay unambiguous.
  const hash = createHash('sha256').update(JSON.stringify(rest));
  for (const message of messages) hash.update('\n').update(JSON.stringify(message));
  hash.update('\n\n').update(targets.join(','));
  const names = Object.keys(clientHeaders).sort();
  if (names.length > 0) hash.update('\n\n').update(JSON.stringify(names.map((name) => [name, clientHeaders[name]])));
  return hash.digest('hex');
}
