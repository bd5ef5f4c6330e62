// Anthropic `usage` ⇄ canonical Usage. Anthropic's input_tokens EXCLUDES cache reads and writes;
// the canonical inputTokens includes both, so the counts are added up or split here.

import type { Usage } from '../canonical';
import { isObject } from '../openai-chat/json-fields';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** Reasoning tokens inside output_tokens, where the upstream reported them. */
  output_tokens_details?: { thinking_tokens: number };
}

export function encodeAnthropicUsage(usage: Usage | undefined): AnthropicUsage {
  const cacheRead = usage?.cachedInputTokens ?? 0;
  const cacheWrite = usage?.cacheWriteTokens ?? 0;
  const encoded: AnthropicUsage = {
    input_tokens: Math.max(0, (usage?.inputTokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
  if (usage?.reasoningTokens) encoded.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return encoded;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Undefined (usage unknown) unless both base counts are there: a report without `input_tokens`
 * says nothing of what the prompt cost, and reading it as 0 would price the request too low.
 */
export function decodeAnthropicUsage(raw: unknown): Usage | undefined {
  if (!isObject(raw) || typeof raw.input_tokens !== 'number' || typeof raw.output_tokens !== 'number') return undefined;
  const cacheRead = count(raw.cache_read_input_tokens);
  const cacheWrite = count(raw.cache_creation_input_tokens);
  const usage: Usage = { inputTokens: count(raw.input_tokens) + cacheRead + cacheWrite, outputTokens: count(raw.output_tokens) };
  if (cacheRead > 0) usage.cachedInputTokens = cacheRead;
  if (cacheWrite > 0) usage.cacheWriteTokens = cacheWrite;
  const thinking = isObject(raw.output_tokens_details) ? count(raw.output_tokens_details.thinking_tokens) : 0;
  if (thinking > 0) usage.reasoningTokens = thinking;
  return usage;
}
