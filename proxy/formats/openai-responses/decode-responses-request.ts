// OpenAI Responses API request (POST /v1/responses) → canonical request.
// Whatever only OpenAI itself can serve (built-in tools, stored conversations, file ids…) is put in
// `extras` under its wire path, never dropped: a native OpenAI upstream can take the body as it is,
// and the pipeline refuses it for a translated one.

import { GatewayError } from '../../errors';
import type { CanonicalRequest, ReasoningConfig, ResponseFormat, TextPart, ToolChoice, ToolDef } from '../canonical';
import { decodeResponsesInput } from './decode-responses-input';

/**
 * Accepted without effect: they shape OpenAI's storage, caching or billing of the response, not
 * what the model is asked to do.
 */
const NO_EFFECT = new Set(['metadata', 'store', 'prompt_cache_key', 'prompt_cache_retention', 'stream_options']);

const HANDLED = new Set([
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'max_output_tokens', 'temperature', 'top_p',
  'text', 'reasoning', 'stream', 'user', 'safety_identifier', 'include', 'service_tier', 'truncation',
]);

const EFFORTS = new Set(['minimal', 'low', 'medium', 'high']);

export function decodeResponsesRequest(body: unknown): CanonicalRequest {
  if (!isObject(body)) throw new GatewayError('invalid_request', 'request body must be a JSON object');
  if (typeof body.model !== 'string' || body.model === '') throw new GatewayError('invalid_request', 'model must be a non-empty string');
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (HANDLED.has(key) || NO_EFFECT.has(key) || value === null || value === undefined) continue;
    if ((key === 'background' && value === false) || (key === 'top_logprobs' && value === 0)) continue;
    extras[key] = value;
  }
  // Without input only stored state (previous_response_id, prompt) says what to do: that is in extras.
  if ((body.input === undefined || body.input === null) && Object.keys(extras).length === 0) throw new GatewayError('invalid_request', 'input is required');
  const { messages, system } = body.input === undefined || body.input === null ? { messages: [], system: [] } : decodeResponsesInput(body.input, extras);
  // Chat Completions takes the same prompt-cache fields: the client's own key reaches an OpenAI
  // upstream (and the gateway adds none of its own); other providers leave these hints behind.
  for (const key of ['prompt_cache_key', 'prompt_cache_retention']) if (typeof body[key] === 'string') extras[`openai-chat.${key}`] = body[key];
  const request: CanonicalRequest = { model: body.model, messages, stream: body.stream === true };

  const instructions = body.instructions;
  if (instructions !== undefined && instructions !== null && typeof instructions !== 'string') throw new GatewayError('invalid_request', 'instructions must be a string');
  const systemParts: TextPart[] = [...(typeof instructions === 'string' && instructions !== '' ? [{ type: 'text' as const, text: instructions }] : []), ...system];
  if (systemParts.length > 0) request.system = systemParts;

  const tools = readTools(body.tools, extras);
  if (tools.length > 0) request.tools = tools;
  const toolChoice = readToolChoice(body.tool_choice, extras);
  if (toolChoice) request.toolChoice = toolChoice;
  if (typeof body.parallel_tool_calls === 'boolean') request.parallelToolCalls = body.parallel_tool_calls;
  setNumber(request, 'maxTokens', body.max_output_tokens, 'max_output_tokens');
  setNumber(request, 'temperature', body.temperature, 'temperature');
  setNumber(request, 'topP', body.top_p, 'top_p');
  const format = readText(body.text, extras);
  if (format) request.responseFormat = format;
  const reasoning = readReasoning(body.reasoning, extras);
  if (reasoning) request.reasoning = reasoning;
  const user = typeof body.user === 'string' ? body.user : typeof body.safety_identifier === 'string' ? body.safety_identifier : undefined;
  if (user !== undefined) request.user = user;
  readServiceSettings(body, extras);
  if (Object.keys(extras).length > 0) request.extras = extras;
  return request;
}

function readTools(value: unknown, extras: Record<string, unknown>): ToolDef[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GatewayError('invalid_request', 'tools must be an array');
  const defs: ToolDef[] = [];
  value.forEach((tool: unknown, i) => {
    const path = `tools[${i}]`;
    if (!isObject(tool)) throw new GatewayError('invalid_request', `${path} must be an object`);
    if (tool.type !== 'function') {
      // web_search, file_search, code_interpreter, computer_use, image_generation, mcp, custom…
      extras[path] = { type: tool.type };
      return;
    }
    // Responses puts name, description and parameters at the top of the tool, not under `function`.
    if (typeof tool.name !== 'string' || tool.name === '') throw new GatewayError('invalid_request', `${path}.name must be a non-empty string`);
    const parameters = tool.parameters ?? { type: 'object', properties: {} };
    if (!isObject(parameters)) throw new GatewayError('invalid_request', `${path}.parameters must be an object`);
    const def: ToolDef = { name: tool.name, parameters };
    if (typeof tool.description === 'string') def.description = tool.description;
    if (typeof tool.strict === 'boolean') def.strict = tool.strict;
    defs.push(def);
  });
  return defs;
}

function readToolChoice(value: unknown, extras: Record<string, unknown>): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  if (isObject(value) && value.type === 'function' && typeof value.name === 'string') return { type: 'tool', name: value.name };
  if (typeof value === 'string') throw new GatewayError('invalid_request', 'tool_choice must be auto, none, required or a tool');
  extras.tool_choice = value; // allowed_tools, built-in, mcp and custom tool choices
  return undefined;
}

function readText(value: unknown, extras: Record<string, unknown>): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new GatewayError('invalid_request', 'text must be an object');
  // Medium is the API's default verbosity; asking for another one has no canonical home.
  if (value.verbosity !== undefined && value.verbosity !== null && value.verbosity !== 'medium') extras['text.verbosity'] = value.verbosity;
  const format = value.format;
  if (format === undefined || format === null) return undefined;
  if (!isObject(format)) throw new GatewayError('invalid_request', 'text.format must be an object');
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      if (typeof format.name !== 'string' || format.name === '') throw new GatewayError('invalid_request', 'text.format.name must be a non-empty string');
      if (!isObject(format.schema)) throw new GatewayError('invalid_request', 'text.format.schema must be an object');
      const schema: ResponseFormat = { type: 'json_schema', name: format.name, schema: format.schema };
      if (typeof format.strict === 'boolean') schema.strict = format.strict;
      if (typeof format.description === 'string') schema.description = format.description;
      return schema;
    }
    default:
      throw new GatewayError('invalid_request', 'text.format.type must be text, json_object or json_schema');
  }
}

function readReasoning(value: unknown, extras: Record<string, unknown>): ReasoningConfig | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new GatewayError('invalid_request', 'reasoning must be an object');
  const reasoning: ReasoningConfig = {};
  const effort = value.effort;
  if (typeof effort === 'string' && EFFORTS.has(effort)) reasoning.effort = effort as ReasoningConfig['effort'];
  else if (effort === 'none') reasoning.budgetTokens = 0; // reasoning switched off
  else if (effort !== undefined && effort !== null) extras['reasoning.effort'] = effort;
  const summary = value.summary ?? value.generate_summary;
  if (summary === 'auto' || summary === 'concise' || summary === 'detailed') reasoning.includeThoughts = true;
  else if (summary !== undefined && summary !== null) throw new GatewayError('invalid_request', 'reasoning.summary must be auto, concise or detailed');
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

/** Settings whose default we honour by doing nothing; any other value asks for something we can't do. */
function readServiceSettings(body: Record<string, unknown>, extras: Record<string, unknown>): void {
  if (body.service_tier !== undefined && body.service_tier !== null && body.service_tier !== 'auto' && body.service_tier !== 'default') extras.service_tier = body.service_tier;
  if (body.truncation !== undefined && body.truncation !== null && body.truncation !== 'disabled') extras.truncation = body.truncation;
  if (body.include !== undefined && body.include !== null) {
    if (!Array.isArray(body.include)) throw new GatewayError('invalid_request', 'include must be an array');
    // Encrypted reasoning is always returned when there is any (see reasoning-carrier.ts).
    const unmet = body.include.filter((v) => v !== 'reasoning.encrypted_content');
    if (unmet.length > 0) extras.include = unmet;
  }
}

function setNumber(request: CanonicalRequest, key: 'maxTokens' | 'temperature' | 'topP', value: unknown, field: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new GatewayError('invalid_request', `${field} must be a number`);
  request[key] = value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
