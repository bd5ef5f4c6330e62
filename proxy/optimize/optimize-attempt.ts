// What one attempt sends once optimisations apply for its target: the compressed request and any
// prompt-cache hints. A same-format request that changed cannot pass through byte for byte, so it
// is re-encoded by the provider codec — unless it carries features only pass-through can honour
// (extras other than account hints), in which case it is sent exactly as the client wrote it, unoptimised.

import type { CanonicalRequest, WireFormat } from '../formats/canonical';
import type { ProviderRuntime } from '../gateway/runtime';
import { hasAnswerShapingExtras } from '../providers/foreign-extras';
import { placeAnthropicBreakpoints } from './place-prompt-cache-hints';

/** Decided once per request, before routing. */
export interface AttemptOptimization {
  /** The compressed request, present only when compression changed something. */
  compressed?: CanonicalRequest;
  anthropicBreakpoints: boolean;
  /** The `prompt_cache_key` for OpenAI targets; absent when off or the client set its own. */
  openaiCacheKey?: string;
}

/** What an attempt actually sent, for the ledger. */
export interface AppliedOptimization {
  compressed: boolean;
  breakpoints: number;
  promptCacheKey?: string;
}

export interface OptimizedAttempt {
  request: CanonicalRequest;
  /** Send through the codec even though pass-through is available. */
  translate: boolean;
  applied: AppliedOptimization;
}

const NOTHING: AppliedOptimization = { compressed: false, breakpoints: 0 };

export function optimizeAttempt(request: CanonicalRequest, plan: AttemptOptimization, provider: Pick<ProviderRuntime, 'wire' | 'kind' | 'entry'>, canPassThrough: boolean): OptimizedAttempt {
  let out = plan.compressed ?? request;
  let breakpoints = 0;
  if (plan.anthropicBreakpoints && provider.wire === 'anthropic') {
    const placed = placeAnthropicBreakpoints(out);
    out = placed.request;
    breakpoints = placed.placed;
  }
  const changed = out !== request;
  // Extras only pass-through can honour keep the request as the client wrote it; account hints
  // (prompt_cache_key, metadata, store…) do not, since the provider's own codec writes them back.
  if (changed && canPassThrough && hasAnswerShapingExtras(request)) return { request, translate: false, applied: withKey(NOTHING, plan, provider) };
  return { request: out, translate: changed && canPassThrough, applied: withKey({ compressed: plan.compressed !== undefined, breakpoints }, plan, provider) };
}

function withKey(applied: AppliedOptimization, plan: AttemptOptimization, provider: Pick<ProviderRuntime, 'wire' | 'kind' | 'entry'>): AppliedOptimization {
  return plan.openaiCacheKey && acceptsPromptCacheKey(provider) ? { ...applied, promptCacheKey: plan.openaiCacheKey } : applied;
}

/** Only OpenAI's own API documents `prompt_cache_key`; compatible servers may reject unknown fields. */
export function acceptsPromptCacheKey(provider: Pick<ProviderRuntime, 'wire' | 'kind' | 'entry'>): boolean {
  const wire: WireFormat = provider.wire;
  return wire === 'openai' && (provider.kind === 'openai' || provider.entry?.id === 'openai');
}
