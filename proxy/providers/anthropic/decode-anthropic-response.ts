// Anthropic `message` body → canonical response.

import { GatewayError } from '../../errors';
import type { CanonicalResponse, FinishReason } from '../../formats/canonical';
import { fromAnthropicStopReason } from '../../formats/anthropic/anthropic-stop-reason';
import { decodeAnthropicUsage } from '../../formats/anthropic/anthropic-usage';
import { isObject } from '../../formats/openai-chat/json-fields';
import { JSON_OUTPUT_TOOL } from './json-output-tool';

export function decodeAnthropicResponse(body: unknown): CanonicalResponse {
  if (!isObject(body) || !Array.isArray(body.content)) throw new GatewayError('upstream_error', 'upstream returned a message without content');
  const parts: CanonicalResponse['parts'] = [];
  let answeredAsJson = false;
  for (const raw of body.content) {
    if (!isObject(raw)) continue;
    if (raw.type === 'text' && typeof raw.text === 'string') parts.push({ type: 'text', text: raw.text });
    else if (raw.type === 'thinking') {
      parts.push({ type: 'reasoning', text: String(raw.thinking ?? ''), ...(typeof raw.signature === 'string' && raw.signature !== '' ? { signature: raw.signature, signedBy: 'anthropic' as const } : {}) });
    } else if (raw.type === 'redacted_thinking') parts.push({ type: 'reasoning', text: '', redacted: String(raw.data ?? '') });
    else if (raw.type === 'tool_use' && raw.name === JSON_OUTPUT_TOOL) {
      answeredAsJson = true;
      parts.push({ type: 'text', text: JSON.stringify(raw.input ?? {}) });
    } else if (raw.type === 'tool_use') {
      parts.push({ type: 'tool_call', id: String(raw.id ?? ''), name: String(raw.name ?? ''), arguments: JSON.stringify(raw.input ?? {}) });
    }
    // Server-tool blocks (server_tool_use, web_search_tool_result, …) only follow Anthropic-only
    // extras, which reach Anthropic clients by pass-through; the canonical model has no part for them.
  }
  let finishReason: FinishReason = fromAnthropicStopReason(body.stop_reason);
  if (answeredAsJson && finishReason === 'tool_calls') finishReason = 'stop';
  const response: CanonicalResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : '',
    parts,
    finishReason,
  };
  if (typeof body.stop_sequence === 'string') response.stopSequence = body.stop_sequence;
  const usage = decodeAnthropicUsage(body.usage);
  if (usage) response.usage = usage;
  return response;
}
