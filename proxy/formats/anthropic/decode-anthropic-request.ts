// Anthropic Messages request body (POST /v1/messages) → canonical request.

import { GatewayError } from '../../errors';
import type { CanonicalRequest, Message, ToolChoice, ToolDef } from '../canonical';
import {
  expectArray, expectObject, expectOneOf, expectString, extraKey, invalidField, optionalBoolean, optionalInteger,
  optionalNumber, optionalObject, optionalString, optionalStringList,
} from '../openai-chat/json-fields';
import { decodeCacheHint, decodeMessageContent, decodeSystem } from './decode-anthropic-content';

const HANDLED = new Set([
  'model', 'messages', 'system', 'max_tokens', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'tools',
  'tool_choice', 'thinking', 'metadata', 'stream', 'output_config',
]);

export function decodeAnthropicRequest(body: unknown, hints: { model?: string; stream?: boolean } = {}): CanonicalRequest {
  const root = expectObject(body, 'body');
  const model = hints.model ?? expectString(root.model, 'model');
  // Anthropic requires max_tokens; clients written against it expect the same 400 when it is missing.
  if (root.max_tokens === undefined || root.max_tokens === null) throw invalidField('max_tokens', 'is required');
  const maxTokens = optionalInteger(root.max_tokens, 'max_tokens', 1) as number;
  const system = root.system === undefined || root.system === null ? [] : decodeSystem(root.system);
  const messages: Message[] = [];
  expectArray(root.messages, 'messages').forEach((raw, i) => {
    const item = expectObject(raw, `messages[${i}]`);
    const role = expectOneOf(item.role, `messages[${i}].role`, ['user', 'assistant', 'system'] as const);
    // System messages inside the conversation join the system prompt, in order: the canonical
    // model keeps one system prompt ahead of the messages.
    if (role === 'system') system.push(...decodeSystem(item.content, `messages[${i}].content`));
    else messages.push({ role, parts: decodeMessageContent(item.content, `messages[${i}].content`, role) });
  });
  if (messages.length === 0) throw invalidField('messages', 'must not be empty');

  const request: CanonicalRequest = { model, messages, maxTokens, stream: hints.stream ?? optionalBoolean(root.stream, 'stream') ?? false };
  if (system.length > 0) request.system = system;
  const stop = optionalStringList(root.stop_sequences, 'stop_sequences');
  if (stop && stop.length > 0) request.stop = stop;
  setIf(request, 'temperature', optionalNumber(root.temperature, 'temperature', { min: 0, max: 1 }));
  setIf(request, 'topP', optionalNumber(root.top_p, 'top_p', { min: 0, max: 1 }));
  setIf(request, 'topK', optionalInteger(root.top_k, 'top_k', 0));
  const extras: Record<string, unknown> = {};
  if (root.tools !== undefined && root.tools !== null) {
    const { tools, serverTools } = decodeTools(expectArray(root.tools, 'tools'));
    if (tools.length > 0) request.tools = tools;
    // Anthropic-hosted tools (web search, code execution, …) have no canonical home.
    if (serverTools.length > 0) extras[extraKey('anthropic', 'tools')] = serverTools;
  }
  if (root.tool_choice !== undefined && root.tool_choice !== null) decodeToolChoice(root.tool_choice, request);
  decodeThinking(root.thinking, request);
  decodeOutputConfig(root.output_config, request, extras);
  const metadata = optionalObject(root.metadata, 'metadata');
  setIf(request, 'user', optionalString(metadata?.user_id, 'metadata.user_id'));

  for (const [field, value] of Object.entries(root)) {
    if (HANDLED.has(field) || value === undefined || value === null) continue;
    extras[extraKey('anthropic', field)] = value;
  }
  if (Object.keys(extras).length > 0) request.extras = extras;
  return request;
}

function setIf<K extends keyof CanonicalRequest>(request: CanonicalRequest, key: K, value: CanonicalRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

function decodeTools(list: unknown[]): { tools: ToolDef[]; serverTools: unknown[] } {
  const tools: ToolDef[] = [];
  const serverTools: unknown[] = [];
  list.forEach((raw, i) => {
    const path = `tools[${i}]`;
    const tool = expectObject(raw, path);
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      serverTools.push(tool);
      return;
    }
    // A cache_control on a tool is the client's own breakpoint: kept, so the gateway adds none.
    const def: ToolDef = { name: expectString(tool.name, `${path}.name`), parameters: expectObject(tool.input_schema, `${path}.input_schema`), ...decodeCacheHint(tool, path) };
    const description = optionalString(tool.description, `${path}.description`);
    if (description !== undefined) def.description = description;
    const strict = optionalBoolean(tool.strict, `${path}.strict`);
    if (strict !== undefined) def.strict = strict;
    tools.push(def);
  });
  return { tools, serverTools };
}

function decodeToolChoice(raw: unknown, request: CanonicalRequest): void {
  const choice = expectObject(raw, 'tool_choice');
  const type = expectOneOf(choice.type, 'tool_choice.type', ['auto', 'any', 'tool', 'none'] as const);
  const mapped: ToolChoice =
    type === 'any' ? { type: 'required' } : type === 'tool' ? { type: 'tool', name: expectString(choice.name, 'tool_choice.name') } : { type };
  request.toolChoice = mapped;
  const disableParallel = optionalBoolean(choice.disable_parallel_tool_use, 'tool_choice.disable_parallel_tool_use');
  if (disableParallel !== undefined) request.parallelToolCalls = !disableParallel;
}

function decodeThinking(raw: unknown, request: CanonicalRequest): void {
  if (raw === undefined || raw === null) return;
  const thinking = expectObject(raw, 'thinking');
  const type = expectOneOf(thinking.type, 'thinking.type', ['enabled', 'adaptive', 'disabled'] as const);
  if (type === 'disabled') return;
  // Adaptive: the model decides how long to think. `display` only chooses summarised or omitted
  // thinking text, a presentation choice that does not change the answer.
  if (type === 'adaptive') {
    request.reasoning = { includeThoughts: true };
    return;
  }
  const budget = optionalInteger(thinking.budget_tokens, 'thinking.budget_tokens', 1024);
  if (budget === undefined) throw invalidField('thinking.budget_tokens', 'is required when thinking is enabled');
  if (request.maxTokens !== undefined && budget >= request.maxTokens) {
    throw new GatewayError('invalid_request', "'thinking.budget_tokens' must be less than 'max_tokens'");
  }
  request.reasoning = { budgetTokens: budget, includeThoughts: true };
}

/** `output_config.format` is a JSON schema for the answer; `effort` has no canonical home. */
function decodeOutputConfig(raw: unknown, request: CanonicalRequest, extras: Record<string, unknown>): void {
  const config = optionalObject(raw, 'output_config');
  if (!config) return;
  const format = optionalObject(config.format, 'output_config.format');
  if (format) {
    expectOneOf(format.type, 'output_config.format.type', ['json_schema'] as const);
    request.responseFormat = { type: 'json_schema', name: 'output', schema: expectObject(format.schema, 'output_config.format.schema') };
  }
  if (config.effort !== undefined && config.effort !== null) {
    extras[extraKey('anthropic', 'output_config')] = { effort: expectString(config.effort, 'output_config.effort') };
  }
}
