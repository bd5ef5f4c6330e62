// Canonical response → OpenAI `chat.completion` object.

import type { CanonicalResponse } from '../canonical';
import { toOpenAIFinishReason } from './openai-finish-reason';
import { encodeOpenAIUsage } from './openai-usage';

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export function encodeOpenAIChatResponse(response: CanonicalResponse, model: string): Record<string, unknown> {
  let text = '';
  let reasoning = '';
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of response.parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  // `reasoning_content` is the field DeepSeek-style OpenAI-compatible APIs use for visible reasoning.
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const body: Record<string, unknown> = {
    id: toChatId(response.id),
    object: 'chat.completion',
    created: response.created ?? Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: toOpenAIFinishReason(response.finishReason) }],
  };
  if (response.usage) body.usage = encodeOpenAIUsage(response.usage);
  return body;
}

/** Chat Completions ids start with `chatcmpl-`; keep the upstream id inside for tracing. */
export function toChatId(id: string): string {
  return id.startsWith('chatcmpl-') ? id : `chatcmpl-${id}`;
}
