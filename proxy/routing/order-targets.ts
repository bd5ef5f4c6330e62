// Picks the strategy a route names and builds the context it ranks by, and says whether the
// strategy lets a cooling target give way to one that can answer now.

import type { RouteBody } from '../config/schema';
import type { Runtime, Target } from '../gateway/runtime';
import { orderCheapest } from './cheapest';
import { orderFallback } from './fallback';
import { orderFastest } from './fastest';
import type { LatencyTracker } from './latency-tracker';
import type { RequestFacts } from './request-facts';
import { DEFAULT_OUTPUT_ESTIMATE } from './routing-settings';
import type { Strategy, StrategyContext } from './strategy';
import { orderWeighted } from './weighted';

const STRATEGIES: Record<RouteBody['strategy'], Strategy> = {
  fallback: orderFallback,
  weighted: orderWeighted,
  cheapest: orderCheapest,
  fastest: orderFastest,
};

export interface OrderInput {
  runtime: Runtime;
  latency: LatencyTracker;
  facts: Pick<RequestFacts, 'estimatedPromptTokens' | 'maxOutputTokens'>;
  stream: boolean;
  random: () => number;
  now: () => number;
}

export function strategyContext(input: OrderInput): StrategyContext {
  const { runtime, latency } = input;
  return {
    random: input.random,
    now: input.now,
    estimatedPromptTokens: input.facts.estimatedPromptTokens,
    estimatedOutputTokens: input.facts.maxOutputTokens ?? DEFAULT_OUTPUT_ESTIMATE,
    stream: input.stream,
    priceOf: (ref) => {
      const slash = ref.indexOf('/');
      return runtime.priceBook.priceOf(ref.slice(0, slash), ref.slice(slash + 1));
    },
    latencyOf: (ref) => latency.statsOf(ref),
    exploration: runtime.routing.exploration,
  };
}

export function orderTargets(strategy: RouteBody['strategy'], targets: readonly Target[], ctx: StrategyContext): Target[] {
  if (targets.length <= 1) return [...targets];
  return STRATEGIES[strategy](targets, ctx);
}

/**
 * Whether a target whose every key rests after a 429 gives way to one that can answer now. Under
 * `fallback` and `cheapest` the order is the user's preference (as listed, lowest price first), so a
 * rest within `retryAfterCapMs` is waited out for the preferred target. Under `weighted` and `fastest`
 * any healthy target serves as well as the one drawn or ranked first, so the rest is waited out only
 * when no other target could answer.
 */
const PUTS_OFF_COOLING: Record<RouteBody['strategy'], boolean> = { fallback: false, cheapest: false, weighted: true, fastest: true };

export function putsOffCoolingTargets(strategy: RouteBody['strategy']): boolean {
  return PUTS_OFF_COOLING[strategy];
}
