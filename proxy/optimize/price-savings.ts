// Ledger arithmetic: one pure function per method, from measured facts only. A saving that cannot
// be measured exactly comes back unverified with savedUsd 0 — nothing estimated is ever counted.

import type { PriceConfig } from '../config/schema';
import type { Usage } from '../formats/canonical';
import type { SavingRecord } from '../store/store';

export type Saving = Omit<SavingRecord, 'requestId' | 'at'>;

const PER_TOKEN = 1 / 1_000_000;

function unverified(method: Saving['method'], reason: string, evidence: Record<string, unknown> = {}): Saving {
  return { method, baseline: null, actual: null, savedUsd: 0, verified: false, evidence: { ...evidence, unverifiedBecause: reason } };
}

/** A cache hit saves what the original answer cost, as it was recorded. */
export function responseCacheSaving(original: { requestId: string; target: string; costUsd: number | null; storedAt: number }): Saving {
  const evidence = { originalRequestId: original.requestId, target: original.target, storedAt: new Date(original.storedAt).toISOString() };
  if (original.costUsd === null) return unverified('response_cache', 'the original request has no recorded cost (usage or price unknown)', evidence);
  return { method: 'response_cache', baseline: original.costUsd, actual: 0, savedUsd: original.costUsd, verified: true, evidence: { ...evidence, originalCostUsd: original.costUsd } };
}

/**
 * Prompt-cache reads: the reported cached tokens at the input price (baseline) against what they
 * cost as cache reads plus the premium paid for cache writes (actual). May be negative: a write
 * that was never read back costs more than it saves.
 */
export function promptCacheSaving(usage: Usage, price: PriceConfig | null, hintedBy: string): Saving | undefined {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  if (cached === 0 && written === 0) return undefined;
  const evidence = { cachedInputTokens: cached, cacheWriteTokens: written, hintedBy };
  if (!price) return unverified('prompt_cache', 'no price is known for the target', evidence);
  const readPrice = price.cachedInput ?? price.input;
  const writePrice = price.cacheWrite ?? price.input;
  const baseline = (cached + written) * price.input * PER_TOKEN;
  const actual = (cached * readPrice + written * writePrice) * PER_TOKEN;
  return {
    method: 'prompt_cache',
    baseline,
    actual,
    savedUsd: baseline - actual,
    verified: true,
    evidence: { ...evidence, inputPerMTok: price.input, cachedInputPerMTok: readPrice, cacheWritePerMTok: writePrice },
  };
}

/**
 * OpenAI caches every long prompt by itself; a `prompt_cache_key` only steers a conversation's
 * requests to where its cache is. No request shows how much of its hit the key earned, so the
 * discount is kept as evidence and nothing is counted.
 */
export function keyedPromptCacheSaving(usage: Usage, price: PriceConfig | null, hintedBy: string): Saving | undefined {
  const measured = promptCacheSaving(usage, price, hintedBy);
  if (!measured) return undefined;
  const { unverifiedBecause: _priceUnknown, ...evidence } = measured.evidence;
  if (measured.verified) evidence.cacheDiscountUsd = measured.savedUsd;
  return unverified('prompt_cache', 'OpenAI caches long prompts without a prompt_cache_key too; the share of this hit the key earned cannot be measured', evidence);
}

export interface CompressionCount {
  /** Exact prompt tokens of the request as the client sent it. */
  baselineTokens: number;
  /** Exact prompt tokens of the request as it was forwarded. */
  actualTokens: number;
  /** How both counts were made, e.g. `o200k_base` or `anthropic count_tokens`. */
  countedBy: string;
}

/**
 * Compression saves the removed prompt tokens at the input price — or, when part of the prompt was
 * read from a prompt cache, at the cheaper cache-read price, since the removed tokens may have
 * been cache reads (the lower bound is the one that can be proven).
 */
export function compressionSaving(count: CompressionCount | { unknown: string }, usage: Usage | undefined, price: PriceConfig | null, items: Record<string, unknown>): Saving {
  if ('unknown' in count) return unverified('compression', count.unknown, { items });
  const evidence: Record<string, unknown> = { baselineTokens: count.baselineTokens, actualTokens: count.actualTokens, countedBy: count.countedBy, items };
  if (!price) return unverified('compression', 'no price is known for the target', evidence);
  const rate = (usage?.cachedInputTokens ?? 0) > 0 ? (price.cachedInput ?? price.input) : price.input;
  const baseline = count.baselineTokens * rate * PER_TOKEN;
  const actual = count.actualTokens * rate * PER_TOKEN;
  return { method: 'compression', baseline, actual, savedUsd: baseline - actual, verified: true, evidence: { ...evidence, perMTok: rate } };
}
