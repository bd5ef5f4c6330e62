// Anthropic refuses a thinking block whose signature is missing or not its own. Such blocks reach
// us when an earlier turn was answered by another provider (we hand the client `signature: ""`,
// and clients send history back as they got it), so those requests cannot pass through verbatim.

import type { CanonicalRequest } from '../formats/canonical';

export function hasUnsignedThinking(request: CanonicalRequest): boolean {
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.parts) if (part.type === 'reasoning' && !part.signature && part.redacted === undefined) return true;
  }
  return false;
}
