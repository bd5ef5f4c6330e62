// What every routing strategy sees: the route's targets and the facts it may rank them by.
// A strategy is a pure function that orders the targets; randomness and the clock come in through
// the context, so each strategy is tested with fixed inputs.

import type { PriceConfig } from '../config/schema';
import type { LatencyStats } from './latency-tracker';

export interface RankedTarget {
  /** `<provider id>/<model>` */
  ref: string;
  weight: number;
}

export interface StrategyContext {
  /** Uniform in [0, 1). */
  random(): number;
  now(): number;
  /** Estimated from the request body size (characters / 4): an estimate, not a tokenizer count. */
  estimatedPromptTokens: number;
  /** The request's output cap where it gives one, else a documented default. */
  estimatedOutputTokens: number;
  stream: boolean;
  priceOf(ref: string): PriceConfig | null;
  latencyOf(ref: string): LatencyStats | undefined;
  /** Probability of trying a non-best target first, so a recovered target is noticed (fastest). */
  exploration: number;
}

export type Strategy = <T extends RankedTarget>(targets: readonly T[], ctx: StrategyContext) => T[];
