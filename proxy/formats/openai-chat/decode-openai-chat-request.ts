// OpenAI Chat Completions request body → canonical request.

import { GatewayError } from '../../errors';
import type { CanonicalRequest, ImagePart, Message, Part, ReasoningConfig, ResponseFormat, TextPart, ToolChoice, ToolDef, ToolResultPart } from '../canonical';
import { readPenalty } from '../read-penalty';
import { parseImageUrl } from './image-url';
import {
  expectArray, expectObject, expectOneOf, expectString, extraKey, invalidField, isObject, optionalBoolean,
  optionalInteger, optionalNumber, optionalObject, optionalString, optionalStringList, type JsonObject,
} from './json-fields';

/** Fields this decoder maps onto the canonical model; everything else is kept in `extras`. */
const HANDLED = new Set([
  'model', 'messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'max_tokens', 'max_completion_tokens',
  'temperature', 'top_p', 'top_k', 'seed', 'presence_penalty', 'frequency_penalty', 'stop', 'response_format',
  'reasoning_effort', 'user', 'stream', 'stream_options',
]);

/** Fields at their documented default mean the same as absent, so they never reach `extras`. */
const NO_OP_DEFAULTS: Record<string, unknown> = {
  n: 1, logprobs: false, store: false,
};

const EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;

export function decodeOpenAIChatRequest(body: unknown, hints: { model?: string; stream?: boolean } = {}): CanonicalRequest {
  const root = expectObject(body, 'body');
  const model = hints.model ?? expectString(root.model, 'model');
  const system: TextPart[] = [];
  const messages = decodeMessages(expectArray(root.messages, 'messages'), system);
  if (messages.length === 0 && system.length === 0) throw invalidField('messages', 'must not be empty');

  const request: CanonicalRequest = { model, messages, stream: hints.stream ?? optionalBoolean(root.stream, 'stream') ?? false };
  if (system.length > 0) request.system = system;
  if (root.tools !== undefined && root.tools !== null) request.tools = decodeTools(expectArray(root.tools, 'tools'));
  if (root.tool_choice !== undefined && root.tool_choice !== null) request.toolChoice = decodeToolChoice(root.tool_choice);
  assign(request, 'parallelToolCalls', optionalBoolean(root.parallel_tool_calls, 'parallel_tool_calls'));
  assign(request, 'maxTokens', optionalInteger(root.max_completion_tokens, 'max_completion_tokens', 1) ?? optionalInteger(root.max_tokens, 'max_tokens', 1));
  assign(request, 'temperature', optionalNumber(root.temperature, 'temperature', { min: 0, max: 2 }));
  assign(request, 'topP', optionalNumber(root.top_p, 'top_p', { min: 0, max: 1 }));
  // Not OpenAI's own, but sent to vLLM, Together, OpenRouter and others through this API.
  assign(request, 'topK', optionalInteger(root.top_k, 'top_k', 0));
  // OpenAI takes any 64-bit integer as a seed, negative ones included.
  assign(request, 'seed', optionalInteger(root.seed, 'seed', Number.NEGATIVE_INFINITY));
  assign(request, 'presencePenalty', readPenalty(root.presence_penalty, 'presence_penalty'));
  assign(request, 'frequencyPenalty', readPenalty(root.frequency_penalty, 'frequency_penalty'));
  assign(request, 'stop', optionalStringList(root.stop, 'stop'));
  if (root.response_format !== undefined && root.response_format !== null) request.responseFormat = decodeResponseFormat(root.response_format);
  assign(request, 'user', optionalString(root.user, 'user'));
  optionalObject(root.stream_options, 'stream_options');

  const extras: Record<string, unknown> = {};
  const effort = optionalString(root.reasoning_effort, 'reasoning_effort');
  if (effort !== undefined) {
    if ((EFFORTS as readonly string[]).includes(effort)) request.reasoning = { effort: effort as ReasoningConfig['effort'] };
    else extras[extraKey('openai-chat', 'reasoning_effort')] = effort; // e.g. 'none': only OpenAI itself knows it
  }
  for (const [field, value] of Object.entries(root)) {
    if (HANDLED.has(field) || value === undefined || value === null) continue;
    if (field in NO_OP_DEFAULTS && NO_OP_DEFAULTS[field] === value) continue;
    extras[extraKey('openai-chat', field)] = value;
  }
  if (Object.keys(extras).length > 0) request.extras = extras;
  return request;
}

function assign<K extends keyof CanonicalRequest>(request: CanonicalRequest, key: K, value: CanonicalRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

function decodeMessages(list: unknown[], system: TextPart[]): Message[] {
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  list.forEach((raw, i) => {
    const path = `messages[${i}]`;
    const item = expectObject(raw, path);
    const role = expectOneOf(item.role, `${path}.role`, ['system', 'developer', 'user', 'assistant', 'tool'] as const);
    if (role === 'system' || role === 'developer') {
      // Canonical system text sits before the conversation; OpenAI lets it appear anywhere, so
      // later system messages join it in order (no provider we translate to accepts them mid-thread).
      system.push(...decodeTextContent(item.content, `${path}.content`));
      return;
    }
    if (role === 'tool') {
      const callId = expectString(item.tool_call_id, `${path}.tool_call_id`);
      const result: ToolResultPart = { type: 'tool_result', callId, content: decodeTextContent(item.content, `${path}.content`) };
      const name = toolNames.get(callId);
      if (name !== undefined) result.name = name;
      const last = messages[messages.length - 1];
      // Consecutive tool results answer one assistant turn: they travel together in one user message.
      if (last && last.role === 'user' && last.parts.every((p) => p.type === 'tool_result')) last.parts.push(result);
      else messages.push({ role: 'user', parts: [result] });
      return;
    }
    if (role === 'user') {
      messages.push({ role: 'user', parts: decodeUserContent(item.content, `${path}.content`) });
      return;
    }
    const parts = decodeAssistant(item, path);
    for (const part of parts) if (part.type === 'tool_call') toolNames.set(part.id, part.name);
    messages.push({ role: 'assistant', parts });
  });
  return messages;
}

function decodeTextContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return expectArray(content, path).map((raw, i) => {
    const part = expectObject(raw, `${path}[${i}]`);
    expectOneOf(part.type, `${path}[${i}].type`, ['text'] as const);
    return { type: 'text', text: expectString(part.text, `${path}[${i}].text`) };
  });
}

function decodeUserContent(content: unknown, path: string): Part[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return expectArray(content, path).map((raw, i): TextPart | ImagePart => {
    const partPath = `${path}[${i}]`;
    const part = expectObject(raw, partPath);
    const type = expectString(part.type, `${partPath}.type`);
    if (type === 'text') return { type: 'text', text: expectString(part.text, `${partPath}.text`) };
    if (type === 'image_url') {
      const image = expectObject(part.image_url, `${partPath}.image_url`);
      const result: ImagePart = { type: 'image', source: parseImageUrl(expectString(image.url, `${partPath}.image_url.url`)) };
      const detail = optionalString(image.detail, `${partPath}.image_url.detail`);
      if (detail !== undefined) result.detail = detail;
      return result;
    }
    throw new GatewayError('unsupported', `'${partPath}.type' '${type}' is not supported; use text or image_url parts`);
  });
}

function decodeAssistant(item: JsonObject, path: string): Part[] {
  const parts: Part[] = [];
  // DeepSeek-style reasoning echoed back by a client: keep it, providers that can't take it drop it.
  const reasoning = optionalString(item.reasoning_content, `${path}.reasoning_content`);
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  const content = item.content;
  if (typeof content === 'string') {
    if (content !== '') parts.push({ type: 'text', text: content });
  } else if (content !== undefined && content !== null) {
    expectArray(content, `${path}.content`).forEach((raw, i) => {
      const part = expectObject(raw, `${path}.content[${i}]`);
      const type = expectOneOf(part.type, `${path}.content[${i}].type`, ['text', 'refusal'] as const);
      const text = expectString(type === 'text' ? part.text : part.refusal, `${path}.content[${i}].${type}`);
      parts.push({ type: 'text', text });
    });
  }
  const refusal = optionalString(item.refusal, `${path}.refusal`);
  if (refusal) parts.push({ type: 'text', text: refusal });
  if (item.tool_calls !== undefined && item.tool_calls !== null) {
    expectArray(item.tool_calls, `${path}.tool_calls`).forEach((raw, i) => {
      const callPath = `${path}.tool_calls[${i}]`;
      const call = expectObject(raw, callPath);
      expectOneOf(call.type ?? 'function', `${callPath}.type`, ['function'] as const);
      const fn = expectObject(call.function, `${callPath}.function`);
      parts.push({
        type: 'tool_call',
        id: expectString(call.id, `${callPath}.id`),
        name: expectString(fn.name, `${callPath}.function.name`),
        arguments: optionalString(fn.arguments, `${callPath}.function.arguments`) ?? '',
      });
    });
  }
  return parts;
}

function decodeTools(list: unknown[]): ToolDef[] {
  return list.map((raw, i) => {
    const path = `tools[${i}]`;
    const tool = expectObject(raw, path);
    const type = expectString(tool.type, `${path}.type`);
    if (type !== 'function') throw new GatewayError('unsupported', `'${path}.type' '${type}' is not supported; only function tools are`);
    const fn = expectObject(tool.function, `${path}.function`);
    const def: ToolDef = {
      name: expectString(fn.name, `${path}.function.name`),
      parameters: optionalObject(fn.parameters, `${path}.function.parameters`) ?? { type: 'object', properties: {} },
    };
    const description = optionalString(fn.description, `${path}.function.description`);
    if (description !== undefined) def.description = description;
    const strict = optionalBoolean(fn.strict, `${path}.function.strict`);
    if (strict !== undefined) def.strict = strict;
    return def;
  });
}

function decodeToolChoice(raw: unknown): ToolChoice {
  if (typeof raw === 'string') return { type: expectOneOf(raw, 'tool_choice', ['auto', 'none', 'required'] as const) };
  const choice = expectObject(raw, 'tool_choice');
  expectOneOf(choice.type, 'tool_choice.type', ['function'] as const);
  const fn = expectObject(choice.function, 'tool_choice.function');
  return { type: 'tool', name: expectString(fn.name, 'tool_choice.function.name') };
}

function decodeResponseFormat(raw: unknown): ResponseFormat {
  const format = expectObject(raw, 'response_format');
  const type = expectOneOf(format.type, 'response_format.type', ['text', 'json_object', 'json_schema'] as const);
  if (type !== 'json_schema') return { type };
  const spec = expectObject(format.json_schema, 'response_format.json_schema');
  const result: ResponseFormat = {
    type: 'json_schema',
    name: expectString(spec.name, 'response_format.json_schema.name'),
    schema: optionalObject(spec.schema, 'response_format.json_schema.schema') ?? {},
  };
  const strict = optionalBoolean(spec.strict, 'response_format.json_schema.strict');
  if (strict !== undefined) result.strict = strict;
  const description = optionalString(spec.description, 'response_format.json_schema.description');
  if (description !== undefined) result.description = description;
  return result;
}

/** Whether the client asked for a final usage chunk (`stream_options.include_usage`). */
export function wantsStreamUsage(body: unknown): boolean {
  return isObject(body) && isObject(body.stream_options) && body.stream_options.include_usage === true;
}
