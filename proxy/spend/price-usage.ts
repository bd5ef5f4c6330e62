// Cost of one request from provider-reported usage. Unknown usage or price → null, never a guess.

import type { PriceConfig } from '../config/schema';
import type { Usage } from '../formats/canonical';
import { tokenCount } from './token-count';

export function priceUsage(usage: Usage | undefined, price: PriceConfig | null): number | null {
  if (!usage || !price) return null;
  const cached = tokenCount(usage.cachedInputTokens);
  const written = tokenCount(usage.cacheWriteTokens);
  const uncached = Math.max(0, tokenCount(usage.inputTokens) - cached - written);
  const reasoning = tokenCount(usage.reasoningTokens);
  const reasoningPrice = price.reasoningOutput ?? price.output;
  const visibleOutput = Math.max(0, tokenCount(usage.outputTokens) - reasoning);
  const micro =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    visibleOutput * price.output +
    reasoning * reasoningPrice;
  return micro / 1_000_000 + (price.perRequest ?? 0);
}
