// A reasoning item's `encrypted_content` is opaque to Responses clients, who send it back unchanged.
// It carries either OpenAI-style encrypted reasoning (canonical `redacted`) or, behind a prefix of
// ours, another provider's signature (Anthropic thinking, Gemini thoughts), so both survive the round trip.

import type { ReasoningPart } from '../canonical';

const SIGNATURE_PREFIX = 'switchyard-signature:';

export function encodeReasoningCarrier(part: Pick<ReasoningPart, 'signature' | 'redacted'>): string | undefined {
  if (part.signature !== undefined) return SIGNATURE_PREFIX + part.signature;
  return part.redacted;
}

export function decodeReasoningCarrier(encrypted: string): Pick<ReasoningPart, 'signature' | 'redacted'> {
  if (encrypted.startsWith(SIGNATURE_PREFIX)) return { signature: encrypted.slice(SIGNATURE_PREFIX.length) };
  return { redacted: encrypted };
}
