// Canonical request ⇄ Gemini generateContent wire (provider side).

import type { Usage } from '../../formats/canonical';
import { usageFromGemini } from '../../formats/gemini/gemini-usage';
import type { GeminiResponse } from '../../formats/gemini/gemini-wire';
import type { ProviderCodec } from '../codec';
import { classifyGeminiError } from './classify-gemini-error';
import { decodeGeminiResponse } from './decode-gemini-response';
import { decodeGeminiStreamFrame, initialGeminiDecodeState, type GeminiDecodeState } from './decode-gemini-stream';
import { encodeGeminiRequest } from './encode-gemini-request';
import { mergeGeminiChunks } from './merge-gemini-chunks';

export const geminiCodec: ProviderCodec<GeminiDecodeState> = {
  wire: 'gemini',
  framing: 'sse',
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  decodeResponseChunks: (chunks) => decodeGeminiResponse(mergeGeminiChunks(chunks)),
  initialStreamState: initialGeminiDecodeState,
  decodeStreamFrame: decodeGeminiStreamFrame,
  classifyError: classifyGeminiError,
  usageFromResponse: usageFromGeminiBody,
};

/** Usage from a native Gemini body: a whole response or one stream chunk (chunks carry running totals). */
export function usageFromGeminiBody(body: unknown): Usage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const meta = (body as GeminiResponse).usageMetadata;
  return meta ? usageFromGemini(meta) : undefined;
}
