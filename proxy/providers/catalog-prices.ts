// List prices for catalog models, USD per 1M tokens, for the spend work's price table to merge in.
// Keys are `<catalog provider id>/<model id>`. Taken from the providers' public price pages as of
// 2025-10 (standard tier, prompts under any long-context threshold, 5-minute cache writes):
//   https://openai.com/api/pricing/                      https://www.anthropic.com/pricing#api
//   https://ai.google.dev/gemini-api/docs/pricing        https://cloud.google.com/vertex-ai/generative-ai/pricing
//   https://aws.amazon.com/bedrock/pricing/              https://mistral.ai/pricing#api-pricing
//   https://groq.com/pricing                             https://api-docs.deepseek.com/quick_start/pricing
//   https://docs.x.ai/docs/models                        https://cohere.com/pricing
//   https://www.together.ai/pricing                      https://platform.moonshot.ai/docs/pricing/chat
// Models whose price depends on extra fees (Perplexity's per-request search) or on a reseller's
// upstream (OpenRouter) are left out on purpose: a wrong price is worse than none.

export interface CatalogPrice {
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
}

const CLAUDE_OPUS = { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 };
const CLAUDE_SONNET = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

export const CATALOG_PRICES: Record<string, CatalogPrice> = {
  'openai/gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'openai/gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'openai/gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'openai/gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'openai/gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'openai/gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'openai/gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'openai/gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'openai/o3': { input: 2, output: 8, cachedInput: 0.5 },
  'openai/o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  'openai/o3-mini': { input: 1.1, output: 4.4, cachedInput: 0.55 },
  'openai/text-embedding-3-small': { input: 0.02, output: 0 },
  'openai/text-embedding-3-large': { input: 0.13, output: 0 },

  'anthropic/claude-opus-4-1-20250805': CLAUDE_OPUS,
  'anthropic/claude-opus-4-20250514': CLAUDE_OPUS,
  'anthropic/claude-sonnet-4-5-20250929': CLAUDE_SONNET,
  'anthropic/claude-sonnet-4-20250514': CLAUDE_SONNET,
  'anthropic/claude-3-7-sonnet-20250219': CLAUDE_SONNET,
  'anthropic/claude-haiku-4-5-20251001': { input: 1, output: 5, cachedInput: 0.1, cacheWrite: 1.25 },
  'anthropic/claude-3-5-haiku-20241022': { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite: 1 },

  'gemini/gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini/gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini/gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini/gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'vertex/gemini-2.5-pro': { input: 1.25, output: 10 },
  'vertex/gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'vertex/gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'vertex/gemini-2.0-flash': { input: 0.15, output: 0.6 },

  'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0': CLAUDE_SONNET,
  'bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0': { input: 3, output: 15 },
  'bedrock/anthropic.claude-3-5-haiku-20241022-v1:0': { input: 0.8, output: 4 },
  'bedrock/amazon.nova-pro-v1:0': { input: 0.8, output: 3.2, cachedInput: 0.2 },
  'bedrock/amazon.nova-lite-v1:0': { input: 0.06, output: 0.24, cachedInput: 0.015 },
  'bedrock/amazon.nova-micro-v1:0': { input: 0.035, output: 0.14, cachedInput: 0.00875 },
  'bedrock/meta.llama3-3-70b-instruct-v1:0': { input: 0.72, output: 0.72 },
  'bedrock/mistral.mistral-large-2407-v1:0': { input: 2, output: 6 },

  'mistral/mistral-large-latest': { input: 2, output: 6 },
  'mistral/mistral-medium-latest': { input: 0.4, output: 2 },
  'mistral/mistral-small-latest': { input: 0.1, output: 0.3 },
  'mistral/codestral-latest': { input: 0.3, output: 0.9 },
  'mistral/ministral-8b-latest': { input: 0.1, output: 0.1 },
  'mistral/pixtral-large-latest': { input: 2, output: 6 },
  'mistral/mistral-embed': { input: 0.1, output: 0 },

  'groq/llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
  'groq/llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
  'groq/qwen/qwen3-32b': { input: 0.29, output: 0.59 },
  'groq/moonshotai/kimi-k2-instruct': { input: 1, output: 3 },

  // DeepSeek V3.2 pricing (from 2025-09-29): one price for chat and reasoner; cache hits are automatic.
  'deepseek/deepseek-chat': { input: 0.28, output: 0.42, cachedInput: 0.028 },
  'deepseek/deepseek-reasoner': { input: 0.28, output: 0.42, cachedInput: 0.028 },

  'xai/grok-4': { input: 3, output: 15, cachedInput: 0.75 },
  'xai/grok-3': { input: 3, output: 15, cachedInput: 0.75 },
  'xai/grok-3-mini': { input: 0.3, output: 0.5, cachedInput: 0.075 },
  'xai/grok-code-fast-1': { input: 0.2, output: 1.5, cachedInput: 0.02 },

  'cohere/command-a-03-2025': { input: 2.5, output: 10 },
  'cohere/command-r-plus-08-2024': { input: 2.5, output: 10 },
  'cohere/command-r-08-2024': { input: 0.15, output: 0.6 },
  'cohere/command-r7b-12-2024': { input: 0.0375, output: 0.15 },
  'cohere-compat/command-a-03-2025': { input: 2.5, output: 10 },
  'cohere-compat/command-r-plus-08-2024': { input: 2.5, output: 10 },

  'together/meta-llama/Llama-3.3-70B-Instruct-Turbo': { input: 0.88, output: 0.88 },
  'together/deepseek-ai/DeepSeek-V3': { input: 1.25, output: 1.25 },
  'together/deepseek-ai/DeepSeek-R1': { input: 3, output: 7 },

  'moonshot/kimi-k2-0905-preview': { input: 0.6, output: 2.5, cachedInput: 0.15 },
};
