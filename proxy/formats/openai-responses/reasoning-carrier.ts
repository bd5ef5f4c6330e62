// A reasoning item's `encrypted_content` is opaque to Responses clients, who send it back unchanged.
// We use it to carry other providers' reasoning state (Anthropic and Gemini signatures, Anthropic
// redacted thinking) behind prefixes of ours, so it survives the round trip through the client.
// Unprefixed content is OpenAI's own encrypted reasoning: only OpenAI can read it, and a native
// OpenAI upstream gets the client's body as it is, so in a translated request it is left out.
// A carried signature names its signer (signature-origin.ts), so it goes back to that family only;
// one carried before signers were recorded has an unknown signer.

import type { ReasoningPart } from '../canonical';
import { markSignature, readSignature } from '../signature-origin';

const SIGNATURE_PREFIX = 'switchyard-signature:';
const REDACTED_PREFIX = 'switchyard-redacted:';

export function encodeReasoningCarrier(part: Pick<ReasoningPart, 'signature' | 'signedBy' | 'redacted'>): string | undefined {
  if (part.signature !== undefined) return SIGNATURE_PREFIX + markSignature(part.signature, part.signedBy);
  if (part.redacted !== undefined) return REDACTED_PREFIX + part.redacted;
  return undefined;
}

export function decodeReasoningCarrier(encrypted: string): Pick<ReasoningPart, 'signature' | 'signedBy' | 'redacted'> {
  if (encrypted.startsWith(SIGNATURE_PREFIX)) return readSignature(encrypted.slice(SIGNATURE_PREFIX.length));
  if (encrypted.startsWith(REDACTED_PREFIX)) return { redacted: encrypted.slice(REDACTED_PREFIX.length) };
  return {};
}
