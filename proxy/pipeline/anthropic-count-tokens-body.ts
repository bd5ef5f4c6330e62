// The body count_tokens sends to an Anthropic target. Like /v1/messages it passes the client's body
// through (with the provider's model name), and for the same reason as the messages pass-through it
// re-encodes the messages when they hold reasoning Anthropic would refuse (another family's
// signature behind our marker, or none): verbatim, one such thinking block makes Anthropic refuse
// the whole count with a 400. The codec leaves that reasoning out, as it does for the message itself,
// so the count is of what /v1/messages would send.

import type { CanonicalRequest } from '../formats/canonical';
import { anthropicCodec } from '../providers/anthropic/anthropic-codec';
import { passthroughFor } from './passthrough';

export function anthropicCountTokensBody(body: Record<string, unknown>, request: CanonicalRequest, upstreamModel: string): Record<string, unknown> {
  if (!passthroughFor('anthropic', 'anthropic')?.refuses?.(request)) return { ...body, model: upstreamModel };
  // Only the messages: the rest of the body (system, tools, thinking…) is what count_tokens accepts
  // as the client wrote it, whereas the encoded call also carries max_tokens, which it refuses.
  const encoded = anthropicCodec.encodeRequest(request, upstreamModel).body as { messages: unknown };
  return { ...body, model: upstreamModel, messages: encoded.messages };
}
