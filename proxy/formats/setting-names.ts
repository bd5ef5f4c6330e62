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
}

/** OpenAI Chat's spelling; also what a codec uses when no client format is in play (token counting, tests). */
export const OPENAI_CHAT_SETTING_NAMES: SettingNames = {
  seed: 'seed',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  topK: 'top_k',
  jsonObject: 'response_format json_object',
};

/** Responses carries no seed, penalties or top_k; only its JSON mode is spelled its own way. */
export const OPENAI_RESPONSES_SETTING_NAMES: SettingNames = { ...OPENAI_CHAT_SETTING_NAMES, jsonObject: 'text.format json_object' };

/** Anthropic Messages has only top_k of these, spelled as OpenAI Chat's. */
export const ANTHROPIC_SETTING_NAMES: SettingNames = OPENAI_CHAT_SETTING_NAMES;

export const GEMINI_SETTING_NAMES: SettingNames = {
  seed: 'generationConfig.seed',
  presencePenalty: 'generationConfig.presencePenalty',
  frequencyPenalty: 'generationConfig.frequencyPenalty',
  topK: 'generationConfig.topK',
  jsonObject: 'generationConfig.responseMimeType "application/json"',
};
