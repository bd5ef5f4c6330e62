// Gemini GenerateContentResponse → canonical response.

import { GatewayError } from '../../errors';
import type { CanonicalResponse, ReasoningPart, TextPart, ToolCallPart } from '../../formats/canonical';
import { finishReasonFromGemini } from '../../formats/gemini/gemini-finish-reason';
import { readGeminiParts } from '../../formats/gemini/gemini-parts';
import { usageFromGemini } from '../../formats/gemini/gemini-usage';
import type { GeminiResponse } from '../../formats/gemini/gemini-wire';
import { callIdBase, synthesizeCallId } from './synthesize-call-id';

type ResponsePart = TextPart | ToolCallPart | ReasoningPart;

export function decodeGeminiResponse(body: unknown): CanonicalResponse {
  if (typeof body !== 'object' || body === null) throw new GatewayError('upstream_error', 'Gemini returned a body that is not a JSON object');
  const response = body as GeminiResponse;
  const candidates: unknown = response.candidates;
  const usable = Array.isArray(candidates) && (candidates.length === 0 || (typeof candidates[0] === 'object' && candidates[0] !== null));
  // No candidates is a blocked prompt only when Gemini says so; anything else is not an answer.
  const blocked = candidates === undefined && response.promptFeedback !== undefined;
  if (!usable && !blocked) {
    throw new GatewayError('upstream_error', 'Gemini returned a response without usable candidates', { status: 502, code: 'invalid_upstream_response' });
  }
  const { id, model, idBase: base } = geminiIdentity(response, JSON.stringify(body));
  const candidate = response.candidates?.[0];
  const parts = readModelParts(candidate?.content?.parts ?? [], base, 0);
  const hasToolCalls = parts.some((p) => p.type === 'tool_call');
  const decoded: CanonicalResponse = {
    id,
    model,
    parts,
    // No candidate at all means the prompt itself was blocked (promptFeedback.blockReason).
    finishReason: candidate ? finishReasonFromGemini(candidate.finishReason, hasToolCalls) : 'content_filter',
  };
  if (response.usageMetadata) decoded.usage = usageFromGemini(response.usageMetadata);
  return decoded;
}

/**
 * A response's id and model, and the base of its synthesized call ids (from `raw`, its text, when it
 * has no id). responseId and modelVersion are typed as strings, but only Gemini says so: a number or
 * an object there is garbage to leave out.
 */
export function geminiIdentity(response: GeminiResponse, raw: string): { id: string; model: string; idBase: string } {
  const responseId = typeof response.responseId === 'string' ? response.responseId : undefined;
  const idBase = callIdBase(responseId, raw);
  return { id: responseId ?? `gemini-${idBase}`, model: typeof response.modelVersion === 'string' ? response.modelVersion : '', idBase };
}

/**
 * Model output parts as canonical parts. `firstCallIndex` numbers synthesized call ids across the
 * chunks of a stream. Images a model generates have no canonical response part and are left out.
 */
export function readModelParts(parts: unknown, base: string, firstCallIndex: number): ResponsePart[] {
  if (!Array.isArray(parts)) return [];
  let callIndex = firstCallIndex;
  let canonical;
  try {
    canonical = readGeminiParts(parts, {
      path: 'candidates[0].content.parts',
      extras: {},
      callId: (call) => call.id ?? synthesizeCallId(base, callIndex++),
      resultId: (result) => result.id ?? '',
    });
  } catch (cause) {
    // A malformed part here is Gemini's fault, not the client's.
    throw new GatewayError('upstream_error', `Gemini returned a malformed part: ${(cause as Error).message}`, { cause });
  }
  return canonical.filter((p): p is ResponsePart => p.type === 'text' || p.type === 'tool_call' || p.type === 'reasoning');
}
