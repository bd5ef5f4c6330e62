// Picks the strategy a route names and builds the context it ranks by.

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
