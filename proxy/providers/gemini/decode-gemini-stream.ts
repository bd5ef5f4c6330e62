// Gemini streamGenerateContent (`alt=sse`) frames → canonical stream events, one frame at a time.
// Each frame is a whole GenerateContentResponse chunk; function calls arrive complete in one chunk.

import { GatewayError } from '../../errors';
import type { StreamEvent } from '../../formats/canonical';
import { finishReasonFromGemini } from '../../formats/gemini/gemini-finish-reason';
import { usageFromGemini } from '../../formats/gemini/gemini-usage';
import type { GeminiResponse } from '../../formats/gemini/gemini-wire';
import { isObject } from '../../formats/openai-chat/json-fields';
import type { DecodeStep, SseFrame } from '../codec';
import { classifyGeminiError } from './classify-gemini-error';
import { geminiIdentity, readModelParts } from './decode-gemini-response';

export interface GeminiDecodeState {
  started: boolean;
  /** Base of synthesized call ids, fixed by the first chunk. */
  idBase: string;
  /** Canonical index of the next tool call. */
  nextToolIndex: number;
  finished: boolean;
}

export function initialGeminiDecodeState(): GeminiDecodeState {
  return { started: false, idBase: '', nextToolIndex: 0, finished: false };
}

export function decodeGeminiStreamFrame(state: GeminiDecodeState, frame: SseFrame): DecodeStep<GeminiDecodeState> {
  if (frame.data.trim() === '') return { state, events: [] };
  let chunk: GeminiResponse & { error?: unknown };
  try {
    chunk = JSON.parse(frame.data);
  } catch (cause) {
    return { state, events: [{ type: 'error', error: new GatewayError('upstream_error', 'Gemini sent a stream frame that is not JSON', { cause }) }] };
  }
  // JSON that is no object (null, a number) carries nothing, as a chunk without candidates does.
  if (typeof chunk !== 'object' || chunk === null) return { state, events: [] };
  // Google reports a failure after the stream began as a frame holding only an error body.
  if (chunk.error !== undefined && chunk.error !== null) {
    const code = isObject(chunk.error) ? chunk.error.code : undefined;
    return { state, events: [{ type: 'error', error: classifyGeminiError(typeof code === 'number' ? code : 500, chunk, {}) }] };
  }
  const events: StreamEvent[] = [];
  let next = state;
  if (!state.started) {
    const { id, model, idBase } = geminiIdentity(chunk, frame.data);
    next = { ...next, started: true, idBase };
    events.push({ type: 'start', id, model });
  }
  const candidate = chunk.candidates?.[0];
  let parts;
  try {
    parts = readModelParts(candidate?.content?.parts, next.idBase, next.nextToolIndex);
  } catch (err) {
    return { state: next, events: [...events, { type: 'error', error: err as GatewayError }] };
  }
  let toolIndex = next.nextToolIndex;
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        if (part.text !== '') events.push({ type: 'text_delta', text: part.text });
        break;
      case 'reasoning':
        events.push(part.signature === undefined ? { type: 'reasoning_delta', text: part.text } : { type: 'reasoning_delta', text: part.text, signature: part.signature, signedBy: 'gemini' });
        break;
      case 'tool_call':
        events.push({ type: 'tool_call_start', index: toolIndex, id: part.id, name: part.name });
        events.push({ type: 'tool_call_delta', index: toolIndex, argumentsDelta: part.arguments });
        toolIndex += 1;
        break;
    }
  }
  next = { ...next, nextToolIndex: toolIndex };
  // usageMetadata holds running totals, so each one replaces the last.
  if (chunk.usageMetadata) events.push({ type: 'usage', usage: usageFromGemini(chunk.usageMetadata) });
  const blocked = chunk.candidates === undefined && chunk.promptFeedback?.blockReason !== undefined;
  if (!next.finished && (candidate?.finishReason !== undefined || blocked)) {
    const reason = blocked ? 'content_filter' : finishReasonFromGemini(candidate?.finishReason, toolIndex > 0);
    events.push({ type: 'finish', reason });
    next = { ...next, finished: true };
  }
  return { state: next, events };
}
