// cheapest: targets by the estimated cost of this request (estimated prompt and output tokens at
// each target's price); targets without a known price come last, in route order.

import type { PriceConfig } from '../config/schema';
import type { Strategy, StrategyContext } from './strategy';

export function estimateCostUsd(price: PriceConfig | null, ctx: Pick<StrategyContext, 'estimatedPromptTokens' | 'estimatedOutputTokens'>): number {
  if (!price) return Number.POSITIVE_INFINITY;
  return (ctx.estimatedPromptTokens * price.input + ctx.estimatedOutputTokens * price.output) / 1e6 + (price.perRequest ?? 0);
}

export const orderCheapest: Strategy = (targets, ctx) => {
  const costs = new Map(targets.map((t) => [t, estimateCostUsd(ctx.priceOf(t.ref), ctx)]));
  // Array.prototype.sort is stable, so equal costs keep the route's order.
  return [...targets].sort((a, b) => compare(costs.get(a)!, costs.get(b)!));
};

function compare(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
