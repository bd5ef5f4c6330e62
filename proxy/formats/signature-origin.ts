// A reasoning signature is valid only at the provider family (wire) that signed it. Canonically a
// signature travels with `signedBy`; a client holding one signed elsewhere (Gemini's inside an
// Anthropic thinking block) gets it behind a marker of ours, so that when the history comes back
// we still know who signed it and send it to that family only. A client's own family's signature
// is handed over byte for byte.
// The marker is base64 of an ASCII tag whose length is a multiple of 3: it has no padding, so
// marker + a base64 signature is still valid base64 (Gemini's `thoughtSignature` is a bytes field,
// and SDKs may decode and re-encode it) and decodes to tag bytes + the signature's bytes.

import type { ReasoningPart, WireFormat } from './canonical';

const FAMILIES: readonly WireFormat[] = ['anthropic', 'bedrock', 'gemini', 'openai', 'cohere'];

function markerOf(family: WireFormat): string {
  let tag = `switchyard-signed-by:${family}:`;
  while (tag.length % 3 !== 0) tag += ':';
  return Buffer.from(tag, 'ascii').toString('base64');
}

const MARKERS: ReadonlyArray<readonly [WireFormat, string]> = FAMILIES.map((family) => [family, markerOf(family)] as const);

/**
 * The signature as a client of `clientFamily` holds it: unchanged when that family signed it (or
 * the signer is unknown), behind the signer's marker otherwise. `clientFamily` undefined: always marked.
 */
export function markSignature(signature: string, signedBy: WireFormat | undefined, clientFamily?: WireFormat): string {
  if (signedBy === undefined || signedBy === clientFamily) return signature;
  return (MARKERS.find(([family]) => family === signedBy)?.[1] ?? '') + signature;
}

/**
 * A signature a client sent back: a marked one is its signer's; an unmarked one is the client
 * family's own (undefined: unknown signer, e.g. carried before signers were recorded).
 */
export function readSignature(held: string, clientFamily?: WireFormat): Pick<ReasoningPart, 'signature' | 'signedBy'> {
  for (const [family, marker] of MARKERS) {
    if (held.startsWith(marker)) return { signature: held.slice(marker.length), signedBy: family };
  }
  return clientFamily === undefined ? { signature: held } : { signature: held, signedBy: clientFamily };
}

/** The signature to send to `wire`: none when another family signed it (that family's only). */
export function signatureFor(part: Pick<ReasoningPart, 'signature' | 'signedBy'>, wire: WireFormat): string | undefined {
  if (part.signature === undefined || part.signature === '') return undefined;
  return part.signedBy === undefined || part.signedBy === wire ? part.signature : undefined;
}
