// The most a request can cost before it is sent, so a budget can hold it in reserve.
//
// Input: the request body's byte length. A BPE token always covers at least one byte of text, so a
// text prompt cannot have more tokens than its body has bytes (JSON quoting only adds bytes).
// Images given by URL are the exception: their tokens are not in the body. Output: the client's
// max-tokens field (× `n` choices), or `defaultMaxTokens` when it sent none — then the output is
// not bounded by anything the client promised, which README "Budgets" states plainly.

import type { PriceConfig } from '../config/schema';
import type { ClientFormatName } from '../formats/canonical';

export const DEFAULT_MAX_TOKENS = 4096;

/** The client's own output cap from the body, by the API it speaks; undefined when it set none. */
export function maxTokensFromBody(format: ClientFormatName | 'openai-embeddings', body: Record<string, unknown>): number | undefined {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  switch (format) {
    case 'openai-chat': {
      const cap = num(body.max_completion_tokens) ?? num(body.max_tokens);
      const n = num(body.n) ?? 1;
      return cap === undefined ? undefined : cap * Math.max(1, Math.floor(n));
    }
    case 'openai-responses':
      return num(body.max_output_tokens);
    case 'anthropic':
      return num(body.max_tokens);
    case 'gemini': {
      const config = body.generationConfig as Record<string, unknown> | undefined;
      const cap = num(config?.maxOutputTokens);
      const n = num(config?.candidateCount) ?? 1;
      return cap === undefined ? undefined : cap * Math.max(1, Math.floor(n));
    }
    case 'openai-embeddings':
      return 0;
  }
}

export interface TokenBound {
  inputTokens: number;
  outputTokens: number;
}

/** Every input token at the dearest input rate, every output token at the dearest output rate. */
export function worstCaseUsd(price: PriceConfig, bound: TokenBound): number {
  const inputRate = Math.max(price.input, price.cacheWrite ?? 0, price.cachedInput ?? 0);
  const outputRate = Math.max(price.output, price.reasoningOutput ?? 0);
  return (bound.inputTokens * inputRate + bound.outputTokens * outputRate) / 1_000_000 + (price.perRequest ?? 0);
}

/** Rough input tokens for rate limiting (about four bytes a token); settled from usage later. */
export function estimateInputTokens(bodyBytes: number): number {
  return Math.ceil(bodyBytes / 4);
}
