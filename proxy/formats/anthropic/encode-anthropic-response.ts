// Canonical response → Anthropic `message` object.

import type { CanonicalResponse } from '../canonical';
import { isObject } from '../openai-chat/json-fields';
import { markSignature } from '../signature-origin';
import { toAnthropicStopReason } from './anthropic-stop-reason';
import { encodeAnthropicUsage } from './anthropic-usage';

export function encodeAnthropicResponse(response: CanonicalResponse, model: string): Record<string, unknown> {
  const content = response.parts.map((part) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'reasoning') {
      if (part.redacted !== undefined) return { type: 'redacted_thinking', data: part.redacted };
      return { type: 'thinking', thinking: part.text, signature: part.signature === undefined ? '' : markSignature(part.signature, part.signedBy, 'anthropic') };
    }
    return { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) };
  });
  const stopReason = toAnthropicStopReason(response.finishReason);
  return {
    id: toMessageId(response.id),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? response.stopSequence ?? null : null,
    usage: encodeAnthropicUsage(response.usage),
  };
}

/** Anthropic message ids start with `msg_`; keep the upstream id inside for tracing. */
export function toMessageId(id: string): string {
  return id.startsWith('msg_') ? id : `msg_${id}`;
}

/**
 * Anthropic clients get tool input as an object. Models behind other APIs occasionally emit
 * arguments that are not a JSON object; those are wrapped rather than lost.
 */
export function parseToolInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : { value: parsed };
  } catch {
    return { _raw_arguments: text };
  }
}
