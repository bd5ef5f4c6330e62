// Usage is the upstream's to report (Gemini's counts are read as sent). A count no bill can hold —
// negative, not a whole number, or past 2^53 (a 1e194-token answer would price past any budget
// and lock the client out) — means the report cannot be trusted, and a guess (0, say) would
// be a silent one: a negative count would even refund a client's budget and run a Prometheus
// counter backwards. Such usage is unknown: the cost is unknown and the budget is charged the
// worst case, as for an answer that reported no usage at all.

import type { Usage } from '../formats/canonical';

const isCount = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
const isOptionalCount = (n: unknown): boolean => n === undefined || isCount(n);

export function isPlausibleUsage(usage: Usage): boolean {
  return isCount(usage.inputTokens) && isCount(usage.outputTokens)
    && isOptionalCount(usage.cachedInputTokens) && isOptionalCount(usage.cacheWriteTokens) && isOptionalCount(usage.reasoningTokens);
}
