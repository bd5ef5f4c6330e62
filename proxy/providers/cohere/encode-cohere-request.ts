// Internal request → Cohere v2 Chat request body (POST /v2/chat).
// https://docs.cohere.com/reference/chat

import { GatewayError } from '../../errors';
import type { CanonicalRequest, ImagePart, Message, ReasoningPart, ToolCallPart } from '../../formats/canonical';
import { OPENAI_CHAT_SETTING_NAMES, type SettingNames } from '../../formats/setting-names';
import type { UpstreamCall } from '../codec';

type Json = Record<string, unknown>;

export function encodeCohereRequest(request: CanonicalRequest, model: string, names: SettingNames = OPENAI_CHAT_SETTING_NAMES): UpstreamCall {
  const extras = Object.keys(request.extras ?? {});
  if (extras.length > 0) throw unsupported(`Cohere cannot honour ${extras.join(', ')}`);
  if (request.parallelToolCalls === false) throw unsupported(`'${names.noParallelToolCalls}' cannot be translated for Cohere, which cannot turn off parallel tool calls`);

  const messages: Json[] = [];
  const system = (request.system ?? []).map((p) => p.text).join('\n\n');
  if (system) messages.push({ role: 'system', content: system });
  for (const message of request.messages) messages.push(...encodeMessage(message));

  const body: Json = { model, messages };
  // A specific forced tool: offer only that tool and require a call, which is exactly "call this tool".
  const choice = request.toolChoice;
  const tools = choice?.type === 'tool' ? request.tools?.filter((t) => t.name === choice.name) : request.tools;
  if (choice?.type === 'tool' && !tools?.length) {
    throw new GatewayError('invalid_request', `'${names.forcedTool}' names "${choice.name}", which is not among the tools`);
  }
  if (tools?.length) {
    body.tools = tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters } }));
    if (tools.some((t) => t.strict)) body.strict_tools = true;
  }
  if (choice?.type === 'required' || choice?.type === 'tool') body.tool_choice = 'REQUIRED';
  else if (choice?.type === 'none') body.tool_choice = 'NONE';

  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.p = request.topP;
  if (request.topK !== undefined) body.k = request.topK;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = coherePenalty(request.presencePenalty, names.presencePenalty);
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = coherePenalty(request.frequencyPenalty, names.frequencyPenalty);
  if (request.stop?.length) body.stop_sequences = request.stop;
  const format = request.responseFormat;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  else if (format?.type === 'json_schema') body.response_format = { type: 'json_object', json_schema: format.schema };
  const reasoning = request.reasoning;
  if (reasoning && (reasoning.budgetTokens !== undefined || reasoning.effort !== undefined)) {
    body.thinking = reasoning.budgetTokens !== undefined ? { type: 'enabled', token_budget: reasoning.budgetTokens } : { type: 'enabled' };
  }
  // Cohere has no end-user field and no explicit cache breakpoints; both are advisory, so they stay behind.
  if (request.stream) body.stream = true;
  return { path: '/v2/chat', body };
}

function encodeMessage(message: Message): Json[] {
  if (message.role === 'assistant') return [encodeAssistant(message)];
  const out: Json[] = [];
  const content: Json[] = [];
  for (const part of message.parts) {
    if (part.type === 'tool_result') {
      // Cohere has no error flag on tool results; the tool's own text carries the failure.
      const results = part.content.map((inner) => (inner.type === 'text' ? { type: 'text', text: inner.text } : imageBlock(inner)));
      out.push({ role: 'tool', tool_call_id: part.callId, content: results });
    } else if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'image') content.push(imageBlock(part));
    else throw new GatewayError('invalid_request', `a user message cannot hold a ${part.type} part`);
  }
  if (content.length > 0) out.push({ role: 'user', content });
  return out;
}

function encodeAssistant(message: Message): Json {
  const text = message.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('');
  const calls = message.parts.filter((p): p is ToolCallPart => p.type === 'tool_call');
  const reasoning = message.parts.filter((p): p is ReasoningPart => p.type === 'reasoning' && p.redacted === undefined).map((p) => p.text).join('');
  const out: Json = { role: 'assistant' };
  if (calls.length > 0) {
    // With tool calls, Cohere's plan text is where the model's reasoning goes back.
    if (reasoning) out.tool_plan = reasoning;
    out.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments || '{}' } }));
    if (text) out.content = [{ type: 'text', text }];
  } else {
    const content: Json[] = [];
    if (reasoning) content.push({ type: 'thinking', thinking: reasoning });
    content.push({ type: 'text', text });
    out.content = content;
  }
  return out;
}

function imageBlock(part: ImagePart): Json {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'image_url', image_url: part.detail ? { url, detail: part.detail } : { url } };
}

/** Cohere takes penalties from 0 to 1 only; a negative (repeat-encouraging) or larger one is refused, not clamped. */
function coherePenalty(penalty: number, field: string): number {
  if (penalty < 0 || penalty > 1) throw unsupported(`'${field}' ${penalty} cannot be translated for Cohere, which takes 0 to 1`);
  return penalty;
}

function unsupported(message: string): GatewayError {
  return new GatewayError('unsupported', message);
}
