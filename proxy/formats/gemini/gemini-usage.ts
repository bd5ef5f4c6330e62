// Gemini usageMetadata ⇄ canonical Usage. Gemini counts thoughts apart from candidates, while the
// canonical outputTokens includes reasoning, so the two are added on the way in and split on the way out.

import type { Usage } from '../canonical';
import type { GeminiUsageMetadata } from './gemini-wire';

export function usageFromGemini(meta: GeminiUsageMetadata): Usage {
  const thoughts = meta.thoughtsTokenCount ?? 0;
  // Tokens of tool-use prompts (e.g. search results) are billed as input.
  const usage: Usage = {
    inputTokens: (meta.promptTokenCount ?? 0) + (meta.toolUsePromptTokenCount ?? 0),
    outputTokens: (meta.candidatesTokenCount ?? 0) + thoughts,
  };
  if (meta.cachedContentTokenCount !== undefined) usage.cachedInputTokens = meta.cachedContentTokenCount;
  if (meta.thoughtsTokenCount !== undefined) usage.reasoningTokens = thoughts;
  return usage;
}

export function usageToGemini(usage: Usage): GeminiUsageMetadata {
  const reasoning = usage.reasoningTokens ?? 0;
  const meta: GeminiUsageMetadata = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - reasoning),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens) meta.cachedContentTokenCount = usage.cachedInputTokens;
  if (usage.reasoningTokens) meta.thoughtsTokenCount = reasoning;
  return meta;
}
