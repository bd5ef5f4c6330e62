// Gemini finishReason ⇄ canonical FinishReason (https://ai.google.dev/api/generate-content#FinishReason).

import type { FinishReason } from '../canonical';

const FROM_GEMINI: Record<string, FinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  LANGUAGE: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  IMAGE_PROHIBITED_CONTENT: 'content_filter',
  IMAGE_RECITATION: 'content_filter',
  // The model stopped without a usable answer: the turn failed, not finished.
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
  NO_IMAGE: 'error',
  OTHER: 'error',
};

/** Gemini says STOP even when the turn ends in function calls; callers pass whether it did. */
export function finishReasonFromGemini(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  const mapped = reason === undefined ? 'stop' : FROM_GEMINI[reason] ?? 'stop';
  return mapped === 'stop' && hasToolCalls ? 'tool_calls' : mapped;
}

const TO_GEMINI: Record<FinishReason, string> = {
  stop: 'STOP',
  stop_sequence: 'STOP',
  tool_calls: 'STOP',
  length: 'MAX_TOKENS',
  content_filter: 'SAFETY',
  refusal: 'SAFETY',
  error: 'OTHER',
};

export function finishReasonToGemini(reason: FinishReason): string {
  return TO_GEMINI[reason];
}
