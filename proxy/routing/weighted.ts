// weighted: the first target is drawn with probability proportional to its weight, then the next
// from those left, and so on — so failover still reaches every target.

import type { Strategy } from './strategy';

export const orderWeighted: Strategy = (targets, ctx) => {
  const left = [...targets];
  const out: typeof left = [];
  while (left.length > 0) {
    const total = left.reduce((sum, t) => sum + t.weight, 0);
    let point = ctx.random() * total;
    let index = left.length - 1;
    for (let i = 0; i < left.length; i++) {
      point -= left[i]!.weight;
      if (point < 0) {
        index = i;
        break;
      }
    }
    out.push(left.splice(index, 1)[0]!);
  }
  return out;
};
