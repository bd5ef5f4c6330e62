// Gemini streamGenerateContent without `alt=sse` → one GenerateContentResponse. Google's default
// stream framing is a JSON array of the chunks an SSE stream would carry one per event
// (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent); some
// Gemini-compatible servers send it even when `alt=sse` is asked for. Merged, it is the answer a
// generateContent call would have given: text concatenated in order, the finish reason from the
// chunk that carries it, and usage from the last chunk that reports any (chunks carry running totals).

import { GatewayError } from '../../errors';
import { isObject } from '../../formats/openai-chat/json-fields';
import type { GeminiCandidate, GeminiPart, GeminiResponse } from '../../formats/gemini/gemini-wire';

export function mergeGeminiChunks(chunks: readonly unknown[]): GeminiResponse {
  if (chunks.length === 0) throw notAnAnswer('an empty array of stream chunks');
  const merged: GeminiResponse = {};
  const parts: GeminiPart[] = [];
  // Only the first candidate is read, as the stream decoder reads only the first.
  let candidate: GeminiCandidate | undefined;
  for (const chunk of chunks) {
    if (!isObject(chunk)) throw notAnAnswer('a stream chunk that is not a JSON object');
    const { candidates, usageMetadata, ...rest } = chunk as GeminiResponse & Record<string, unknown>;
    // responseId, modelVersion and promptFeedback repeat or complete one another: the latest is kept.
    Object.assign(merged, rest);
    if (usageMetadata) merged.usageMetadata = usageMetadata;
    const first: unknown = Array.isArray(candidates) ? candidates[0] : undefined;
    if (!isObject(first)) continue;
    const { content, ...fields } = first as GeminiCandidate;
    // finishReason (and safety ratings, citations) arrive on some chunk only: a later chunk without them keeps them.
    candidate = { ...candidate, ...fields };
    if (Array.isArray(content?.parts)) for (const part of content.parts) appendPart(parts, part);
  }
  if (candidate) merged.candidates = [{ ...candidate, content: { role: 'model', parts } }];
  return merged;
}

/**
 * Text continues the text part before it (thought summaries their own run), as the deltas of one
 * stream join. A thought signature closes its part: text after it starts a new one. Other parts
 * (function calls, inline data) stand alone.
 */
function appendPart(parts: GeminiPart[], part: unknown): void {
  if (!isObject(part)) throw notAnAnswer('a content part that is not a JSON object');
  const next = part as GeminiPart;
  const last = parts.at(-1);
  if (last && isPlainText(last) && isPlainText(next) && last.thoughtSignature === undefined && (last.thought === true) === (next.thought === true)) {
    last.text += next.text!;
    if (next.thoughtSignature !== undefined) last.thoughtSignature = next.thoughtSignature;
    return;
  }
  parts.push({ ...next });
}

function isPlainText(part: GeminiPart): boolean {
  if (typeof part.text !== 'string') return false;
  return Object.keys(part).every((key) => key === 'text' || key === 'thought' || key === 'thoughtSignature');
}

function notAnAnswer(what: string): GatewayError {
  return new GatewayError('upstream_error', `Gemini sent ${what}`, { status: 502, code: 'invalid_upstream_response' });
}
