// How each client API spells the canonical settings a provider codec may have to refuse, so the
// refusal names the field the client actually sent: a Gemini client reads
// `generationConfig.presencePenalty`, not OpenAI's `presence_penalty`.

export interface SettingNames {
  seed: string;
  presencePenalty: string;
  frequencyPenalty: string;
  topK: string;
  /** The ask for a JSON answer without a schema (canonical `responseFormat` `json_object`). */
  jsonObject: string;
  /** Where a forced tool is named (canonical `toolChoice` `{ type: 'tool' }`). */
  forcedTool: string;
  /** The ask to turn parallel tool calls off (canonical `parallelToolCalls: false`). */
  noParallelToolCalls: string;
}

/** OpenAI Chat's spelling; also what a codec uses when no client format is in play (token counting, tests). */
export const OPENAI_CHAT_SETTING_NAMES: SettingNames = {
  seed: 'seed',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  topK: 'top_k',
  jsonObject: 'response_format json_object',
  forcedTool: 'tool_choice.function.name',
  noParallelToolCalls: 'parallel_tool_calls false',
};

/** Responses carries no seed, penalties or top_k; its JSON mode and forced tool are spelled its own way. */
export const OPENAI_RESPONSES_SETTING_NAMES: SettingNames = { ...OPENAI_CHAT_SETTING_NAMES, jsonObject: 'text.format json_object', forcedTool: 'tool_choice.name' };

/** Anthropic Messages spells top_k as OpenAI Chat does; its tool choice is its own. */
export const ANTHROPIC_SETTING_NAMES: SettingNames = {
  ...OPENAI_CHAT_SETTING_NAMES,
  forcedTool: 'tool_choice.name',
  noParallelToolCalls: 'tool_choice.disable_parallel_tool_use true',
};

export const GEMINI_SETTING_NAMES: SettingNames = {
  seed: 'generationConfig.seed',
  presencePenalty: 'generationConfig.presencePenalty',
  frequencyPenalty: 'generationConfig.frequencyPenalty',
  topK: 'generationConfig.topK',
  jsonObject: 'generationConfig.responseMimeType "application/json"',
  forcedTool: 'toolConfig.functionCallingConfig.allowedFunctionNames',
  // Gemini has no switch for parallel calls, so a Gemini request never asks for this.
  noParallelToolCalls: 'parallel tool calls off',
};
