// Which of a request's extras (features with no canonical home) a target can take. Its codec copies
// those of the API its wire speaks natively. Hints that tune only the caller's account with its own
// provider (prompt caching, stored completions, metadata, abuse tracking, the default service tier)
// never change the answer: another provider has nowhere to put them, so a translation leaves them
// behind instead of refusing the request, as the Responses decoder does for its own hints. Every
// other extra is refused.

import type { CanonicalRequest, WireFormat } from '../formats/canonical';

const HINTS = new Set([
  'openai-chat.prompt_cache_key', 'openai-chat.prompt_cache_retention', 'openai-chat.safety_identifier',
  'openai-chat.metadata', 'openai-chat.store',
]);

/** A tier left to the provider asks for nothing; 'flex', 'priority' or 'standard_only' change price or capacity. */
// A Map, not an object literal: extras keys are the client's own field names, `valueOf` included.
const DEFAULT_TIERS: ReadonlyMap<string, ReadonlySet<unknown>> = new Map([
  ['openai-chat.service_tier', new Set(['auto', 'default'])],
  ['anthropic.service_tier', new Set(['auto'])],
]);

/** The extras prefix of the API a wire speaks natively: its codec copies those into the body. */
const OWN_PREFIX: Partial<Record<WireFormat, string>> = { openai: 'openai-chat.', anthropic: 'anthropic.' };

export function isHintExtra(key: string, value: unknown): boolean {
  return HINTS.has(key) || DEFAULT_TIERS.get(key)?.has(value) === true;
}

/** Whether the request carries an extra that is not an account hint (logprobs, n, …): one that shapes the answer. */
export function hasAnswerShapingExtras(request: CanonicalRequest): boolean {
  return Object.entries(request.extras ?? {}).some(([key, value]) => !isHintExtra(key, value));
}

/** The request without the hints `wire` cannot carry; unchanged (same object) when there are none. */
export function dropForeignHints(request: CanonicalRequest, wire: WireFormat): CanonicalRequest {
  if (!request.extras) return request;
  const own = OWN_PREFIX[wire];
  const entries = Object.entries(request.extras);
  const kept = entries.filter(([key, value]) => !isHintExtra(key, value) || (own !== undefined && key.startsWith(own)));
  if (kept.length === entries.length) return request;
  const { extras: _dropped, ...rest } = request;
  return kept.length > 0 ? { ...rest, extras: Object.fromEntries(kept) } : rest;
}

/** The extras `wire`'s codec cannot carry (none of its own API's): what a translation must refuse. */
export function untranslatableExtras(request: CanonicalRequest, wire: WireFormat): Record<string, unknown> {
  const own = OWN_PREFIX[wire];
  const foreign = Object.entries(dropForeignHints(request, wire).extras ?? {}).filter(([key]) => own === undefined || !key.startsWith(own));
  return Object.fromEntries(foreign);
}
