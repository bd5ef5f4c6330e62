// Exact prompt token counts for OpenAI models that use the public o200k_base tokenizer, following
// OpenAI's documented chat framing (3 tokens per message, 3 priming the reply). Tools and images
// are framed in undocumented ways, so those requests get no count rather than a guess.

import type { CanonicalRequest } from '../formats/canonical';

export const O200K_MODELS = /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/;

type CountTokens = (text: string) => number;
let loaded: CountTokens | undefined;

// Loaded on first use: the o200k tables cost tens of MB of heap and most gateways never count.
// Deep import of the CommonJS build: node10 resolution cannot follow the package's exports map.
export function countTokens(text: string): number {
  loaded ??= (require('gpt-tokenizer/cjs/encoding/o200k_base') as { countTokens: CountTokens }).countTokens;
  return loaded(text);
}

export type CountResult = { tokens: number } | { unknown: string };

export function countOpenAIPromptTokens(request: CanonicalRequest, model: string): CountResult {
  if (!O200K_MODELS.test(model)) return { unknown: `no public tokenizer is known for ${model}` };
  if (request.tools?.length) return { unknown: 'OpenAI does not document how tool definitions are tokenized' };
  let tokens = 3;
  const frame = (role: string, text: string) => {
    tokens += 3 + countTokens(role) + countTokens(text);
  };
  if (request.system?.length) frame('system', request.system.map((p) => p.text).join('\n'));
  for (const message of request.messages) {
    let text = '';
    for (const part of message.parts) {
      if (part.type === 'text') text += part.text;
      else if (part.type === 'reasoning') continue;
      else return { unknown: `OpenAI does not document how ${part.type.replace('_', ' ')} parts are tokenized` };
    }
    frame(message.role, text);
  }
  return { tokens };
}
