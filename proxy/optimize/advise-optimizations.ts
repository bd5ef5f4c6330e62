// The Token-Optimisation Advisor: reads recorded traffic (the per-request observations) and
// proposes concrete actions, each with its expected monthly effect and the data behind it. These
// are forecasts, labelled as such — unlike the ledger, which counts only what was measured.

import type { PriceConfig } from '../config/schema';
import type { RequestInsight } from '../store/store';
import { priceUsage } from '../spend/price-usage';
import { modelFamily } from './model-family';
import type { OptimizeSettings } from './optimize-settings';

export interface Suggestion {
  id: string;
  title: string;
  detail: string;
  /** Expected USD per 30 days; null when the traffic does not support a number. */
  monthlyEffectUsd: number | null;
  data: Record<string, unknown>;
}

export interface AdvisorInput {
  insights: readonly RequestInsight[];
  now: number;
  settings: OptimizeSettings;
  priceOf: (target: string) => PriceConfig | null;
  /** Models of this provider that have a known price (candidates for a cheaper one). */
  modelsOf: (providerId: string) => readonly string[];
  /** Measured share of tool-output characters compression removed (from the ledger), if any. */
  compressionRatio?: number;
}

const DAY_MS = 86_400_000;
/** Characters per token for sizing tool output before any tokenizer saw it — an estimate, labelled so. */
const CHARS_PER_TOKEN = 4;
const MIN_CACHEABLE_PROMPT = 1024;

export function adviseOptimizations(input: AdvisorInput): Suggestion[] {
  const { insights } = input;
  if (insights.length === 0) return [];
  const first = Math.min(...insights.map((i) => i.at));
  const observedDays = Math.max(1, (input.now - first) / DAY_MS);
  const monthly = (usd: number) => round((usd * 30) / observedDays);
  const suggestions = [
    ...adviseCompression(input, monthly),
    ...adviseResponseCache(input, monthly),
    ...adviseCheaperModels(input, monthly),
    ...advisePromptCaching(input, monthly),
  ];
  return suggestions.sort((a, b) => (b.monthlyEffectUsd ?? -1) - (a.monthlyEffectUsd ?? -1));
}

function adviseCompression(input: AdvisorInput, monthly: (usd: number) => number): Suggestion[] {
  if (input.settings.global.compression.enabled) return [];
  const byCommand = new Map<string, { chars: number; requests: number; usd: number }>();
  for (const insight of input.insights) {
    // A cache hit sent no prompt anywhere.
    if (insight.cacheHit) continue;
    const price = insight.target ? input.priceOf(insight.target) : null;
    for (const output of insight.toolOutputs) {
      const row = byCommand.get(output.command) ?? { chars: 0, requests: 0, usd: 0 };
      row.chars += output.chars;
      row.requests += 1;
      if (price) row.usd += (output.chars / CHARS_PER_TOKEN) * price.input / 1_000_000;
      byCommand.set(output.command, row);
    }
  }
  if (byCommand.size === 0) return [];
  const commands = [...byCommand].map(([command, row]) => ({ command, ...row, monthlyUsd: monthly(row.usd) })).sort((a, b) => b.usd - a.usd);
  const top = commands[0]!;
  const totalMonthly = commands.reduce((n, c) => n + c.monthlyUsd, 0);
  return [{
    id: 'enable-compression',
    title: `Compress tool output: \`${top.command}\` output costs the most`,
    detail: `Tool output makes up about $${totalMonthly.toFixed(2)} a month of prompt (estimated at ${CHARS_PER_TOKEN} characters per token); \`${top.command}\` alone about $${top.monthlyUsd.toFixed(2)}. Set optimize.compression.enabled (or per client/route).`
      + (input.compressionRatio === undefined ? ' No compression has been measured yet, so no saving is forecast.' : ''),
    monthlyEffectUsd: input.compressionRatio === undefined ? null : round(totalMonthly * input.compressionRatio),
    data: { commands: commands.slice(0, 10), charsPerTokenEstimate: CHARS_PER_TOKEN, measuredCompressionRatio: input.compressionRatio ?? null },
  }];
}

function adviseResponseCache(input: AdvisorInput, monthly: (usd: number) => number): Suggestion[] {
  const byFingerprint = new Map<string, RequestInsight[]>();
  for (const insight of input.insights) {
    if (insight.cacheHit || insight.cacheable || insight.costUsd === null || !insight.target) continue;
    const list = byFingerprint.get(insight.fingerprint);
    if (list) list.push(insight);
    else byFingerprint.set(insight.fingerprint, [insight]);
  }
  const byRoute = new Map<string, { repeats: number; usd: number; distinct: number }>();
  for (const list of byFingerprint.values()) {
    if (list.length < 2) continue;
    const row = byRoute.get(list[0]!.route) ?? { repeats: 0, usd: 0, distinct: 0 };
    row.distinct += 1;
    // The first request has to be paid; every repeat after it could have been a hit.
    for (const repeat of list.slice(1)) {
      row.repeats += 1;
      row.usd += repeat.costUsd ?? 0;
    }
    byRoute.set(list[0]!.route, row);
  }
  return [...byRoute].filter(([, row]) => row.usd > 0).map(([route, row]) => ({
    id: `cache-route-${route}`,
    title: `Cache repeated requests on route "${route}"`,
    detail: `${row.repeats} requests repeated an earlier one exactly (${row.distinct} distinct) but were not cacheable (temperature above 0 or caching off). If the same answer is acceptable, set routes[].optimize.cache { enabled: true, nonDeterministic: true } for "${route}".`,
    monthlyEffectUsd: monthly(row.usd),
    data: { route, repeatedRequests: row.repeats, distinctRequests: row.distinct, repeatCostUsd: round(row.usd) },
  }));
}

function adviseCheaperModels(input: AdvisorInput, monthly: (usd: number) => number): Suggestion[] {
  const byTarget = new Map<string, { input: number; output: number; usd: number; requests: number }>();
  for (const insight of input.insights) {
    if (!insight.target || insight.cacheHit || insight.costUsd === null || insight.inputTokens === null) continue;
    const row = byTarget.get(insight.target) ?? { input: 0, output: 0, usd: 0, requests: 0 };
    row.input += insight.inputTokens;
    row.output += insight.outputTokens ?? 0;
    row.usd += insight.costUsd;
    row.requests += 1;
    byTarget.set(insight.target, row);
  }
  const out: Suggestion[] = [];
  for (const [target, row] of byTarget) {
    const slash = target.indexOf('/');
    const providerId = target.slice(0, slash);
    const model = target.slice(slash + 1);
    const family = modelFamily(model);
    let best: { model: string; usd: number } | undefined;
    for (const candidate of input.modelsOf(providerId)) {
      if (candidate === model || modelFamily(candidate) !== family) continue;
      const usd = priceUsage({ inputTokens: row.input, outputTokens: row.output }, input.priceOf(`${providerId}/${candidate}`));
      // The next cheaper size, not the cheapest: the smallest step down in quality.
      if (usd !== null && usd < row.usd && (!best || usd > best.usd)) best = { model: candidate, usd };
    }
    if (!best) continue;
    out.push({
      id: `cheaper-model-${target}`,
      title: `Try ${providerId}/${best.model} instead of ${target}`,
      detail: `${row.requests} requests went to ${target}; the same tokens on ${best.model} (same family, smaller) would have cost $${best.usd.toFixed(4)} instead of $${row.usd.toFixed(4)}. Worth it where the smaller model's quality holds — try it on one route first.`,
      monthlyEffectUsd: monthly(row.usd - best.usd),
      data: { target, alternative: `${providerId}/${best.model}`, family, requests: row.requests, inputTokens: row.input, outputTokens: row.output, costUsd: round(row.usd), alternativeCostUsd: round(best.usd) },
    });
  }
  return out;
}

function advisePromptCaching(input: AdvisorInput, monthly: (usd: number) => number): Suggestion[] {
  const byTarget = new Map<string, { uncached: number; requests: number; hintedInput: number; hintedCached: number }>();
  for (const insight of input.insights) {
    if (!insight.target || insight.cacheHit || insight.inputTokens === null) continue;
    const row = byTarget.get(insight.target) ?? { uncached: 0, requests: 0, hintedInput: 0, hintedCached: 0 };
    if (insight.promptCache === 'none' && (insight.cachedTokens ?? 0) === 0 && insight.inputTokens >= MIN_CACHEABLE_PROMPT) {
      row.uncached += insight.inputTokens;
      row.requests += 1;
    } else if (insight.promptCache !== 'none') {
      row.hintedInput += insight.inputTokens;
      row.hintedCached += insight.cachedTokens ?? 0;
    }
    byTarget.set(insight.target, row);
  }
  const out: Suggestion[] = [];
  for (const [target, row] of byTarget) {
    const price = input.priceOf(target);
    if (row.requests === 0 || !price || price.cachedInput === undefined || price.cachedInput >= price.input) continue;
    // Forecast from the hit rate measured on this target's hinted requests, if there are any.
    const hitRate = row.hintedInput > 0 ? row.hintedCached / row.hintedInput : null;
    const usd = hitRate === null ? null : (row.uncached * hitRate * (price.input - price.cachedInput)) / 1_000_000;
    out.push({
      id: `prompt-cache-${target}`,
      title: `Prompt caching is not in use for ${target}`,
      detail: `${row.requests} requests of ${MIN_CACHEABLE_PROMPT}+ prompt tokens to ${target} carried no cache hints and read nothing from the provider's cache. Enable optimize.promptCache for this provider kind; cache reads cost $${price.cachedInput}/M instead of $${price.input}/M.`
        + (hitRate === null ? ' No hinted traffic to this target yet, so no saving is forecast.' : ''),
      monthlyEffectUsd: usd === null ? null : monthly(usd),
      data: { target, requests: row.requests, uncachedPromptTokens: row.uncached, measuredHitRate: hitRate, inputPerMTok: price.input, cachedInputPerMTok: price.cachedInput },
    });
  }
  return out;
}

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
