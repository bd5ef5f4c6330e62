// A provider refuses a reasoning signature it did not make, and Anthropic also a thinking block
// without one. Such blocks reach us when an earlier turn was answered by another provider (we hand
// the client `signature: ""`, or another family's signature behind its marker, and clients send
// history back as they got it), so those requests cannot pass through verbatim: the codec leaves
// that reasoning out.

import type { CanonicalRequest, WireFormat } from '../formats/canonical';

export function hasForeignReasoning(request: CanonicalRequest, wire: WireFormat, unsignedRefused: boolean): boolean {
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.parts) {
      if (part.type !== 'reasoning' || part.redacted !== undefined) continue;
      if (part.signature ? part.signedBy !== undefined && part.signedBy !== wire : unsignedRefused) return true;
    }
  }
  return false;
}
