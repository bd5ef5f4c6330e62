// Canonical response → Gemini GenerateContentResponse (https://ai.google.dev/api/generate-content#generatecontentresponse).

import type { CanonicalResponse } from '../canonical';
import { finishReasonToGemini } from './gemini-finish-reason';
import { writeGeminiParts } from './gemini-parts';
import { usageToGemini } from './gemini-usage';
import type { GeminiResponse } from './gemini-wire';

export function encodeGeminiResponse(response: CanonicalResponse, model: string): GeminiResponse {
  const parts = writeGeminiParts(response.parts, { nameOf: () => undefined, includeCallIds: true, forClient: true });
  const body: GeminiResponse = {
    candidates: [{ content: { role: 'model', parts }, finishReason: finishReasonToGemini(response.finishReason), index: 0 }],
  };
  if (response.usage) body.usageMetadata = usageToGemini(response.usage);
  body.modelVersion = model;
  body.responseId = response.id;
  return body;
}
