// Cost of one request from provider-reported usage. Unknown usage or price → null, never a guess.

import type { PriceConfig } from '../config/schema';
import type { Usage } from '../formats/canonical';

/**
 * A token count as the upstream reported it, read as a bill can use it: not a number, negative or
 * infinite counts as 0. A negative count would otherwise be a negative cost, handing the client's
 * budget back.
 */
function tokens(count: unknown): number {
  return typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : 0;
}

export function priceUsage(usage: Usage | undefined, price: PriceConfig | null): number | null {
  if (!usage || !price) return null;
  const cached = tokens(usage.cachedInputTokens);
  const written = tokens(usage.cacheWriteTokens);
  const uncached = Math.max(0, tokens(usage.inputTokens) - cached - written);
  const reasoning = tokens(usage.reasoningTokens);
  const reasoningPrice = price.reasoningOutput ?? price.output;
  const visibleOutput = Math.max(0, tokens(usage.outputTokens) - reasoning);
  const micro =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    visibleOutput * price.output +
    reasoning * reasoningPrice;
  return micro / 1_000_000 + (price.perRequest ?? 0);
}
