// OpenAI `chat.completion` body → canonical response.

import { GatewayError } from '../../errors';
import type { CanonicalResponse, FinishReason } from '../../formats/canonical';
import { isObject } from '../../formats/openai-chat/json-fields';
import { fromOpenAIFinishReason } from '../../formats/openai-chat/openai-finish-reason';
import { decodeOpenAIUsage } from '../../formats/openai-chat/openai-usage';

export function decodeOpenAIResponse(body: unknown): CanonicalResponse {
  if (!isObject(body) || !Array.isArray(body.choices) || !isObject(body.choices[0])) {
    throw new GatewayError('upstream_error', 'upstream returned a chat completion without choices');
  }
  const choice = body.choices[0];
  const message = isObject(choice.message) ? choice.message : {};
  const parts: CanonicalResponse['parts'] = [];
  // `reasoning_content` (DeepSeek, vLLM) or `reasoning` (OpenRouter, Groq): readable reasoning text.
  const reasoning = readReasoning(message);
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string' && message.content !== '') parts.push({ type: 'text', text: message.content });
  const refused = typeof message.refusal === 'string' && message.refusal !== '';
  if (refused) parts.push({ type: 'text', text: message.refusal as string });
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((raw, i) => {
      const call = isObject(raw) ? raw : {};
      const fn = isObject(call.function) ? call.function : {};
      parts.push({
        type: 'tool_call',
        id: typeof call.id === 'string' ? call.id : `call_${i}`,
        name: typeof fn.name === 'string' ? fn.name : '',
        arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}),
      });
    });
  }
  let finishReason: FinishReason = fromOpenAIFinishReason(choice.finish_reason);
  if (refused && finishReason === 'stop') finishReason = 'refusal';
  const response: CanonicalResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : '',
    parts,
    finishReason,
  };
  const usage = decodeOpenAIUsage(body.usage);
  if (usage) response.usage = usage;
  if (typeof body.created === 'number') response.created = body.created;
  return response;
}

export function readReasoning(message: Record<string, unknown>): string | undefined {
  if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '') return message.reasoning_content;
  if (typeof message.reasoning === 'string' && message.reasoning !== '') return message.reasoning;
  return undefined;
}
