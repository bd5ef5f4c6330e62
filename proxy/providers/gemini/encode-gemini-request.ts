// Canonical request → Gemini generateContent request (https://ai.google.dev/api/generate-content).

import { GatewayError } from '../../errors';
import type { CanonicalRequest, Message, ReasoningConfig, ResponseFormat, ToolChoice } from '../../formats/canonical';
import { writeGeminiParts } from '../../formats/gemini/gemini-parts';
import type { GeminiContent, GeminiGenerationConfig, GeminiRequest, GeminiThinkingConfig } from '../../formats/gemini/gemini-wire';
import { OPENAI_CHAT_SETTING_NAMES, type SettingNames } from '../../formats/setting-names';
import type { UpstreamCall } from '../codec';

/**
 * Gemini 3 rejects a model turn whose function calls lost their thought signature (e.g. history
 * written by another provider); this documented value tells it to skip the check.
 * https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const SKIP_SIGNATURE_VALIDATION = 'skip_thought_signature_validator';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Thinking budgets for effort levels, as in Gemini's OpenAI-compatible endpoint. */
const EFFORT_BUDGET: Record<NonNullable<ReasoningConfig['effort']>, number> = { minimal: 512, low: 1024, medium: 8192, high: 24576 };

/**
 * `user` and `parallelToolCalls` have no Gemini field and are left out on purpose: the first is an
 * abuse-tracking hint, and Gemini decides on parallel calls itself.
 */
export function encodeGeminiRequest(request: CanonicalRequest, upstreamModel: string, names: SettingNames = OPENAI_CHAT_SETTING_NAMES): UpstreamCall {
  refuseExtras(request.extras);
  refuseWideSeed(request.seed, names.seed);
  const body: GeminiRequest = { contents: writeContents(request.messages) };
  if (request.system && request.system.length > 0) body.systemInstruction = { parts: request.system.map((p) => ({ text: p.text })) };
  if (request.tools && request.tools.length > 0) {
    // Gemini has no `strict` flag; parametersJsonSchema takes full JSON Schema, unlike `parameters`.
    body.tools = [{ functionDeclarations: request.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), parametersJsonSchema: t.parameters })) }];
  }
  if (request.toolChoice) body.toolConfig = { functionCallingConfig: writeToolChoice(request.toolChoice) };
  const generationConfig = writeGenerationConfig(request);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  const model = upstreamModel.startsWith('models/') ? upstreamModel.slice(7) : upstreamModel;
  const path = request.stream ? `/models/${model}:streamGenerateContent?alt=sse` : `/models/${model}:generateContent`;
  return { path, body };
}

/** Features the client asked for that Gemini can't be told about: refused, never dropped. */
function refuseExtras(extras: Record<string, unknown> | undefined): void {
  const keys = Object.keys(extras ?? {});
  if (keys.length > 0) throw new GatewayError('unsupported', `not supported when translating to Gemini: ${keys.join(', ')}`);
}

/** Gemini's seed is an int32; OpenAI clients may send any 64-bit one, which must not be cut to fit. */
function refuseWideSeed(seed: number | undefined, name: string): void {
  if (seed !== undefined && (seed < INT32_MIN || seed > INT32_MAX)) {
    throw new GatewayError('unsupported', `'${name}' ${seed} cannot be translated for Gemini, which takes a 32-bit seed (${INT32_MIN} to ${INT32_MAX})`);
  }
}

function writeContents(messages: Message[]): GeminiContent[] {
  const names = new Map<string, string>();
  for (const message of messages) for (const part of message.parts) if (part.type === 'tool_call') names.set(part.id, part.name);
  const contents: GeminiContent[] = [];
  for (const message of messages) {
    const parts = writeGeminiParts(message.parts, { nameOf: (id) => names.get(id), includeCallIds: false, forClient: false });
    if (parts.length === 0) continue; // e.g. only another provider's redacted reasoning
    const role = message.role === 'assistant' ? 'model' : 'user';
    if (role === 'model') {
      const calls = parts.filter((p) => p.functionCall);
      if (calls.length > 0 && !calls.some((p) => p.thoughtSignature !== undefined)) calls[0].thoughtSignature = SKIP_SIGNATURE_VALIDATION;
    }
    contents.push({ role, parts });
  }
  if (contents.length === 0) throw new GatewayError('invalid_request', 'the request has no message content');
  return contents;
}

function writeToolChoice(choice: ToolChoice): { mode: string; allowedFunctionNames?: string[] } {
  switch (choice.type) {
    case 'auto':
      return { mode: 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return { mode: 'ANY' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: [choice.name] };
  }
}

function writeGenerationConfig(request: CanonicalRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  if (request.stop && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.responseFormat) Object.assign(config, writeResponseFormat(request.responseFormat));
  if (request.reasoning) {
    const thinking = writeThinkingConfig(request.reasoning);
    if (Object.keys(thinking).length > 0) config.thinkingConfig = thinking;
  }
  return config;
}

function writeResponseFormat(format: ResponseFormat): GeminiGenerationConfig {
  switch (format.type) {
    case 'text':
      return {};
    case 'json_object':
      return { responseMimeType: 'application/json' };
    case 'json_schema':
      return { responseMimeType: 'application/json', responseJsonSchema: format.schema };
  }
}

function writeThinkingConfig(reasoning: ReasoningConfig): GeminiThinkingConfig {
  const config: GeminiThinkingConfig = {};
  if (reasoning.budgetTokens !== undefined) config.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) config.thinkingBudget = EFFORT_BUDGET[reasoning.effort];
  if (reasoning.includeThoughts !== undefined) config.includeThoughts = reasoning.includeThoughts;
  return config;
}
