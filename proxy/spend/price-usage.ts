// Cost of one request from provider-reported usage. Unknown (or impossible) usage or an unknown price → null, never a guess.

import type { PriceConfig } from '../config/schema';
import type { Usage } from '../formats/canonical';
import { isPlausibleUsage } from './plausible-usage';

export function priceUsage(usage: Usage | undefined, price: PriceConfig | null): number | null {
  if (!usage || !price || !isPlausibleUsage(usage)) return null;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cached - written);
  const reasoning = usage.reasoningTokens ?? 0;
  const reasoningPrice = price.reasoningOutput ?? price.output;
  const visibleOutput = Math.max(0, usage.outputTokens - reasoning);
  const micro =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    visibleOutput * price.output +
    reasoning * reasoningPrice;
  return micro / 1_000_000 + (price.perRequest ?? 0);
}
