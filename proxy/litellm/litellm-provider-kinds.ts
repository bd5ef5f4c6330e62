// LiteLLM's provider prefixes (the part of `litellm_params.model` before the first "/") → catalog ids.
// https://docs.litellm.ai/docs/providers

export const LITELLM_PREFIX_TO_KIND: Record<string, string> = {
  openai: 'openai',
  custom_openai: 'openai',
  openai_like: 'openai',
  azure: 'azure',
  anthropic: 'anthropic',
  gemini: 'gemini',
  vertex_ai: 'vertex',
  vertex_ai_beta: 'vertex',
  bedrock: 'bedrock',
  mistral: 'mistral',
  codestral: 'mistral',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  groq: 'groq',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  deepseek: 'deepseek',
  xai: 'xai',
  perplexity: 'perplexity',
  cerebras: 'cerebras',
  openrouter: 'openrouter',
  deepinfra: 'deepinfra',
  huggingface: 'huggingface',
  nvidia_nim: 'nvidia',
  cloudflare: 'cloudflare',
  github: 'github',
  moonshot: 'moonshot',
  zai: 'zai',
  dashscope: 'qwen',
  sambanova: 'sambanova',
  nebius: 'nebius',
  novita: 'novita',
  hyperbolic: 'hyperbolic',
  lambda_ai: 'lambda',
  ai21: 'ai21',
  ai21_chat: 'ai21',
  friendliai: 'friendli',
  featherless_ai: 'featherless',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  lm_studio: 'lmstudio',
  hosted_vllm: 'vllm',
  vllm: 'vllm',
  llamafile: 'llamafile',
};

/** Prefixes whose second segment is a routing hint, not part of the model id (`bedrock/converse/<model>`). */
export const LITELLM_ROUTE_HINTS: Record<string, string[]> = {
  bedrock: ['converse', 'invoke'],
};

/** Models written without a prefix: LiteLLM infers the provider from the name; we do the same for the common families. */
export function inferKindFromBareModel(model: string): string {
  if (/^claude-/.test(model)) return 'anthropic';
  if (/^gemini-/.test(model)) return 'gemini';
  if (/^command-/.test(model)) return 'cohere';
  if (/^(mistral|codestral|ministral|pixtral|magistral)-/.test(model)) return 'mistral';
  return 'openai';
}
