// Canonical request → OpenAI Chat Completions request body (for OpenAI and every compatible API).

import { GatewayError } from '../../errors';
import type { CanonicalRequest, ImagePart, Message, ReasoningConfig, TextPart, ToolResultPart } from '../../formats/canonical';
import { formatImageUrl } from '../../formats/openai-chat/image-url';
import { isHintExtra } from '../foreign-extras';
import type { UpstreamCall } from '../codec';

type ChatMessage = Record<string, unknown>;

/**
 * Extras that only make sense when the whole response comes back in OpenAI's own shape (several
 * choices, logprobs, audio): the canonical response has no room for them, so they are refused here
 * and only work when the gateway passes the client's body through untouched.
 */
const RESPONSE_SHAPING_EXTRAS = new Set(['n', 'logprobs', 'top_logprobs', 'audio', 'modalities', 'functions', 'function_call']);

/** OpenAI's reasoning model families reject `max_tokens` and require `max_completion_tokens`. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

export function encodeOpenAIRequest(request: CanonicalRequest, upstreamModel: string): UpstreamCall {
  const body: Record<string, unknown> = { model: upstreamModel, messages: encodeMessages(request) };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.parameters,
        ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
      },
    }));
  }
  // OpenAI rejects tool_choice without tools; with no tools there is nothing to choose anyway.
  if (request.toolChoice && request.tools && request.tools.length > 0) {
    const choice = request.toolChoice;
    body.tool_choice = choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
  }
  if (request.parallelToolCalls !== undefined && request.tools && request.tools.length > 0) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxTokens !== undefined) {
    const field = request.reasoning || REASONING_MODEL.test(upstreamModel) ? 'max_completion_tokens' : 'max_tokens';
    body[field] = request.maxTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  // Not an OpenAI field, but vLLM, Together, OpenRouter and others honour it; OpenAI itself rejects
  // it with a clear 400, which beats silently sampling differently than asked.
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.stop && request.stop.length > 0) body.stop = request.stop;
  if (request.responseFormat) body.response_format = encodeResponseFormat(request.responseFormat);
  const effort = toEffort(request.reasoning);
  if (effort) body.reasoning_effort = effort;
  if (request.user !== undefined) body.user = request.user;
  copyExtras(request.extras, body);
  if (request.stream) {
    body.stream = true;
    // Usage only arrives in a stream's last chunk when asked for, and every request is priced.
    body.stream_options = { include_usage: true };
  }
  return { path: '/chat/completions', body };
}

function encodeMessages(request: CanonicalRequest): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (request.system && request.system.length > 0) out.push({ role: 'system', content: joinText(request.system) });
  for (const message of request.messages) {
    if (message.role === 'assistant') out.push(encodeAssistant(message));
    else out.push(...encodeUser(message));
  }
  return out;
}

function encodeAssistant(message: Message): ChatMessage {
  let text = '';
  const toolCalls: unknown[] = [];
  for (const part of message.parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool_call') toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
    // Reasoning from earlier turns is not sent back: OpenAI has no field for it and DeepSeek
    // rejects `reasoning_content` in input messages.
  }
  const out: ChatMessage = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  return out;
}

/**
 * Tool results become `tool` messages, which must directly follow the assistant's tool calls.
 * Tool messages carry only text, so images a tool returned follow in a user message after them.
 */
function encodeUser(message: Message): ChatMessage[] {
  const out: ChatMessage[] = [];
  const userParts: Array<TextPart | ImagePart> = [];
  for (const part of message.parts) {
    if (part.type === 'tool_result') {
      out.push({ role: 'tool', tool_call_id: part.callId, content: toolResultText(part) });
      userParts.push(...part.content.filter((p): p is ImagePart => p.type === 'image'));
    } else if (part.type === 'text' || part.type === 'image') {
      userParts.push(part);
    } else {
      throw new GatewayError('invalid_request', `a user message cannot contain a ${part.type} part`);
    }
  }
  if (userParts.length > 0) out.push({ role: 'user', content: encodeUserContent(userParts) });
  return out;
}

function toolResultText(part: ToolResultPart): string {
  return part.content.filter((p): p is TextPart => p.type === 'text').map((p) => p.text).join('\n');
}

function encodeUserContent(parts: Array<TextPart | ImagePart>): string | unknown[] {
  if (parts.every((p) => p.type === 'text')) return joinText(parts as TextPart[]);
  return parts.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: formatImageUrl(part.source), ...(part.detail ? { detail: part.detail } : {}) } },
  );
}

/** Adjacent text parts are one stretch of text to OpenAI; cache flags have no meaning there (its caching is automatic). */
function joinText(parts: TextPart[]): string {
  return parts.map((p) => p.text).join('\n\n');
}

function encodeResponseFormat(format: NonNullable<CanonicalRequest['responseFormat']>): unknown {
  if (format.type !== 'json_schema') return { type: format.type };
  const spec: Record<string, unknown> = { name: format.name, schema: format.schema };
  if (format.strict !== undefined) spec.strict = format.strict;
  if (format.description !== undefined) spec.description = format.description;
  return { type: 'json_schema', json_schema: spec };
}

/** OpenAI takes an effort, not a budget: budgets map onto the nearest effort band. */
function toEffort(reasoning: ReasoningConfig | undefined): string | undefined {
  if (!reasoning) return undefined;
  if (reasoning.effort) return reasoning.effort;
  if (reasoning.budgetTokens === undefined) return undefined;
  if (reasoning.budgetTokens <= 2048) return 'low';
  if (reasoning.budgetTokens <= 8192) return 'medium';
  return 'high';
}

function copyExtras(extras: Record<string, unknown> | undefined, body: Record<string, unknown>): void {
  if (!extras) return;
  for (const [key, value] of Object.entries(extras)) {
    if (key.startsWith('openai-chat.')) {
      const field = key.slice('openai-chat.'.length);
      if (RESPONSE_SHAPING_EXTRAS.has(field)) {
        throw new GatewayError('unsupported', `'${field}' is only supported when the client's request is passed through to an OpenAI-compatible provider unchanged`);
      }
      body[field] = value;
    } else if (!isHintExtra(key, value)) {
      throw new GatewayError('unsupported', `'${key}' cannot be translated for an OpenAI-compatible provider`);
    }
  }
}
