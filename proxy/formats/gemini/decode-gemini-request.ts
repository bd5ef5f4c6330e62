// Gemini generateContent request → canonical request (https://ai.google.dev/api/generate-content).

import { GatewayError } from '../../errors';
import type { CanonicalRequest, Message, ReasoningConfig, ResponseFormat, TextPart, ToolChoice, ToolDef } from '../canonical';
import { optionalInteger } from '../openai-chat/json-fields';
import { readPenalty } from '../read-penalty';
import { openApiSchemaToJsonSchema } from './convert-openapi-schema';
import { readGeminiParts } from './gemini-parts';
import type { GeminiContent, GeminiFunctionCall, GeminiFunctionResponse, GeminiGenerationConfig, GeminiPart, GeminiTool } from './gemini-wire';

const KNOWN_TOP_LEVEL = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'model']);
const KNOWN_GENERATION = new Set(['maxOutputTokens', 'temperature', 'topP', 'topK', 'seed', 'presencePenalty', 'frequencyPenalty', 'stopSequences', 'candidateCount', 'responseMimeType', 'responseSchema', 'responseJsonSchema', 'thinkingConfig']);

export function decodeGeminiRequest(body: unknown, hints: { model?: string; stream?: boolean } = {}): CanonicalRequest {
  if (!isObject(body)) throw new GatewayError('invalid_request', 'request body must be a JSON object');
  const model = hints.model;
  if (model === undefined || model === '') throw new GatewayError('invalid_request', 'the model name is missing from the URL');
  const extras: Record<string, unknown> = {};
  for (const key of Object.keys(body)) if (!KNOWN_TOP_LEVEL.has(key)) extras[key] = body[key];

  const request: CanonicalRequest = { model, messages: readContents(body.contents, extras), stream: hints.stream === true };
  const system = readSystemInstruction(body.systemInstruction, extras);
  if (system) request.system = system;
  const tools = readTools(body.tools, extras);
  if (tools.length > 0) request.tools = tools;
  readToolConfig(body.toolConfig, request, extras);
  readGenerationConfig(body.generationConfig, request, extras);
  if (Object.keys(extras).length > 0) request.extras = extras;
  return request;
}

/**
 * Gemini function calls often carry no id: calls get one from their position (stable as the
 * conversation grows), and each id-less response takes the earliest unanswered call of its name.
 */
function readContents(contents: unknown, extras: Record<string, unknown>): Message[] {
  if (!Array.isArray(contents) || contents.length === 0) throw new GatewayError('invalid_request', 'contents must be a non-empty array');
  const unanswered = new Map<string, string[]>();
  const answeredById = collectResponseIds(contents);
  return contents.map((content: unknown, i): Message => {
    const path = `contents[${i}]`;
    if (!isObject(content)) throw new GatewayError('invalid_request', `${path} must be an object`);
    const { role, parts } = content as GeminiContent;
    if (role !== undefined && role !== 'user' && role !== 'model' && role !== 'function') {
      throw new GatewayError('invalid_request', `${path}.role must be "user" or "model"`);
    }
    if (!Array.isArray(parts)) throw new GatewayError('invalid_request', `${path}.parts must be an array`);
    const canonical = readGeminiParts(parts, {
      path: `${path}.parts`,
      extras,
      callId: (call: GeminiFunctionCall, j) => {
        const id = call.id ?? `call_${i}_${j}`;
        const queue = unanswered.get(call.name) ?? [];
        queue.push(id);
        unanswered.set(call.name, queue);
        return id;
      },
      resultId: (response: GeminiFunctionResponse, j) => {
        const queue = unanswered.get(response.name) ?? [];
        if (response.id !== undefined) {
          const at = queue.indexOf(response.id);
          if (at >= 0) queue.splice(at, 1);
          return response.id;
        }
        // Calls that a later response answers by id are not this one's.
        const at = queue.findIndex((id) => !answeredById.has(id));
        return at >= 0 ? queue.splice(at, 1)[0] : `call_${i}_${j}`;
      },
    });
    return { role: role === 'model' ? 'assistant' : 'user', parts: canonical };
  });
}

function collectResponseIds(contents: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const content of contents) {
    const parts = isObject(content) && Array.isArray(content.parts) ? content.parts : [];
    for (const part of parts) {
      const id = isObject(part) && isObject(part.functionResponse) ? part.functionResponse.id : undefined;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

function readSystemInstruction(value: unknown, extras: Record<string, unknown>): TextPart[] | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value.parts)) throw new GatewayError('invalid_request', 'systemInstruction.parts must be an array');
  const texts: TextPart[] = [];
  (value.parts as GeminiPart[]).forEach((part, j) => {
    if (isObject(part) && typeof part.text === 'string') texts.push({ type: 'text', text: part.text });
    else extras[`systemInstruction.parts[${j}]`] = part;
  });
  return texts.length > 0 ? texts : undefined;
}

function readTools(value: unknown, extras: Record<string, unknown>): ToolDef[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new GatewayError('invalid_request', 'tools must be an array');
  const defs: ToolDef[] = [];
  (value as GeminiTool[]).forEach((tool, k) => {
    if (!isObject(tool)) throw new GatewayError('invalid_request', `tools[${k}] must be an object`);
    for (const key of Object.keys(tool)) {
      // Built-in tools (googleSearch, codeExecution, urlContext…) run inside Google: no canonical home.
      if (key !== 'functionDeclarations') extras[`tools[${k}].${key}`] = tool[key];
    }
    if (tool.functionDeclarations === undefined) return;
    if (!Array.isArray(tool.functionDeclarations)) throw new GatewayError('invalid_request', `tools[${k}].functionDeclarations must be an array`);
    tool.functionDeclarations.forEach((decl, d) => {
      const path = `tools[${k}].functionDeclarations[${d}]`;
      if (!isObject(decl) || typeof decl.name !== 'string') throw new GatewayError('invalid_request', `${path}.name must be a string`);
      const def: ToolDef = { name: decl.name, parameters: readParameters(decl.parametersJsonSchema, decl.parameters, path) };
      if (typeof decl.description === 'string') def.description = decl.description;
      defs.push(def);
    });
  });
  return defs;
}

function readParameters(jsonSchema: unknown, openApi: unknown, path: string): Record<string, unknown> {
  if (jsonSchema !== undefined) {
    if (!isObject(jsonSchema)) throw new GatewayError('invalid_request', `${path}.parametersJsonSchema must be an object`);
    return jsonSchema;
  }
  if (openApi !== undefined) {
    if (!isObject(openApi)) throw new GatewayError('invalid_request', `${path}.parameters must be an object`);
    return openApiSchemaToJsonSchema(openApi);
  }
  return { type: 'object', properties: {} };
}

function readToolConfig(value: unknown, request: CanonicalRequest, extras: Record<string, unknown>): void {
  if (value === undefined) return;
  if (!isObject(value)) throw new GatewayError('invalid_request', 'toolConfig must be an object');
  for (const key of Object.keys(value)) if (key !== 'functionCallingConfig') extras[`toolConfig.${key}`] = value[key];
  const config = value.functionCallingConfig;
  if (config === undefined) return;
  if (!isObject(config)) throw new GatewayError('invalid_request', 'toolConfig.functionCallingConfig must be an object');
  const allowed = config.allowedFunctionNames;
  if (allowed !== undefined && (!Array.isArray(allowed) || allowed.some((n) => typeof n !== 'string'))) {
    throw new GatewayError('invalid_request', 'toolConfig.functionCallingConfig.allowedFunctionNames must be an array of strings');
  }
  const names = (allowed ?? []) as string[];
  const choice = readMode(config.mode, names, extras);
  if (choice) request.toolChoice = choice;
  // ANY with a subset of names: the canonical request carries only the allowed tools.
  if (choice?.type === 'required' && names.length > 1 && request.tools) {
    request.tools = request.tools.filter((t) => names.includes(t.name));
  }
}

function readMode(mode: unknown, names: string[], extras: Record<string, unknown>): ToolChoice | undefined {
  switch (mode) {
    case undefined:
    case 'MODE_UNSPECIFIED':
      return undefined;
    case 'AUTO':
      return { type: 'auto' };
    case 'NONE':
      return { type: 'none' };
    case 'ANY':
      return names.length === 1 ? { type: 'tool', name: names[0] } : { type: 'required' };
    default:
      extras['toolConfig.functionCallingConfig.mode'] = mode;
      return undefined;
  }
}

function readGenerationConfig(value: unknown, request: CanonicalRequest, extras: Record<string, unknown>): void {
  if (value === undefined) return;
  if (!isObject(value)) throw new GatewayError('invalid_request', 'generationConfig must be an object');
  const config = value as GeminiGenerationConfig;
  for (const key of Object.keys(config)) if (!KNOWN_GENERATION.has(key) && !isDefaultModality(key, config[key])) extras[`generationConfig.${key}`] = config[key];
  if (config.maxOutputTokens !== undefined) request.maxTokens = readNumber(config.maxOutputTokens, 'maxOutputTokens');
  if (config.temperature !== undefined) request.temperature = readNumber(config.temperature, 'temperature');
  if (config.topP !== undefined) request.topP = readNumber(config.topP, 'topP');
  if (config.topK !== undefined) request.topK = readNumber(config.topK, 'topK');
  const seed = optionalInteger(config.seed, 'generationConfig.seed', Number.NEGATIVE_INFINITY);
  if (seed !== undefined) request.seed = seed;
  const presence = readPenalty(config.presencePenalty, 'generationConfig.presencePenalty');
  if (presence !== undefined) request.presencePenalty = presence;
  const frequency = readPenalty(config.frequencyPenalty, 'generationConfig.frequencyPenalty');
  if (frequency !== undefined) request.frequencyPenalty = frequency;
  if (config.stopSequences !== undefined) {
    if (!Array.isArray(config.stopSequences) || config.stopSequences.some((s) => typeof s !== 'string')) {
      throw new GatewayError('invalid_request', 'generationConfig.stopSequences must be an array of strings');
    }
    request.stop = config.stopSequences;
  }
  if (config.candidateCount !== undefined && config.candidateCount !== 1) extras['generationConfig.candidateCount'] = config.candidateCount;
  const format = readResponseFormat(config, extras);
  if (format) request.responseFormat = format;
  const reasoning = readThinkingConfig(config.thinkingConfig);
  if (reasoning) request.reasoning = reasoning;
}

/** Text-only output is what every canonical response is, so asking for just that needs nothing. */
function isDefaultModality(key: string, value: unknown): boolean {
  return key === 'responseModalities' && Array.isArray(value) && value.length === 1 && String(value[0]).toUpperCase() === 'TEXT';
}

function readResponseFormat(config: GeminiGenerationConfig, extras: Record<string, unknown>): ResponseFormat | undefined {
  const schema = config.responseJsonSchema ?? (config.responseSchema ? openApiSchemaToJsonSchema(config.responseSchema) : undefined);
  switch (config.responseMimeType) {
    case undefined:
    case 'text/plain':
      if (schema !== undefined) throw new GatewayError('invalid_request', 'generationConfig.responseSchema needs responseMimeType "application/json"');
      return config.responseMimeType ? { type: 'text' } : undefined;
    case 'application/json':
      return schema ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
    default:
      extras['generationConfig.responseMimeType'] = config.responseMimeType;
      return undefined;
  }
}

const LEVEL_TO_EFFORT: Record<string, ReasoningConfig['effort']> = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' };

function readThinkingConfig(value: unknown): ReasoningConfig | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new GatewayError('invalid_request', 'generationConfig.thinkingConfig must be an object');
  const reasoning: ReasoningConfig = {};
  const budget = value.thinkingBudget;
  // -1 asks Gemini to pick the budget itself: the same as giving none.
  if (budget !== undefined && budget !== -1) reasoning.budgetTokens = readNumber(budget, 'thinkingConfig.thinkingBudget');
  if (value.thinkingLevel !== undefined) {
    const effort = LEVEL_TO_EFFORT[String(value.thinkingLevel)];
    if (!effort) throw new GatewayError('invalid_request', 'generationConfig.thinkingConfig.thinkingLevel must be MINIMAL, LOW, MEDIUM or HIGH');
    reasoning.effort = effort;
  }
  if (typeof value.includeThoughts === 'boolean') reasoning.includeThoughts = value.includeThoughts;
  return reasoning;
}

function readNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new GatewayError('invalid_request', `generationConfig.${field} must be a number`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
