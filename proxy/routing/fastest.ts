// fastest: targets by their moving-average latency — time to first byte for streams, whole answer
// otherwise. Unmeasured targets go first so they get measured; with probability `exploration` a
// random other target is tried first, so a target that was slow or failing and has recovered is
// found again.

import type { Strategy } from './strategy';

export const orderFastest: Strategy = (targets, ctx) => {
  const score = (ref: string): number => {
    const stats = ctx.latencyOf(ref);
    if (!stats) return Number.NEGATIVE_INFINITY;
    return ctx.stream ? stats.ttfbMs : stats.latencyMs;
  };
  const scores = new Map(targets.map((t) => [t, score(t.ref)]));
  const ordered = [...targets].sort((a, b) => scores.get(a)! - scores.get(b)! || 0);
  if (ordered.length > 1 && ctx.exploration > 0 && ctx.random() < ctx.exploration) {
    const pick = 1 + Math.floor(ctx.random() * (ordered.length - 1));
    const [explored] = ordered.splice(pick, 1);
    ordered.unshift(explored!);
  }
  return ordered;
};
