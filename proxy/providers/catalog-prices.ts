// List prices for catalog providers that have no price group of their own in
// proxy/spend/price-table.ts (those groups win and are not repeated here), USD per 1M tokens.
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

const CLAUDE_SONNET = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

export const CATALOG_PRICES: Record<string, CatalogPrice> = {
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

  'cohere/command-a-03-2025': { input: 2.5, output: 10 },
  'cohere/command-r-plus-08-2024': { input: 2.5, output: 10 },
  'cohere/command-r-08-2024': { input: 0.15, output: 0.6 },
  'cohere/command-r7b-12-2024': { input: 0.0375, output: 0.15 },
  'cohere-compat/command-a-03-2025': { input: 2.5, output: 10 },
  'cohere-compat/command-r-plus-08-2024': { input: 2.5, output: 10 },

  'moonshot/kimi-k2-0905-preview': { input: 0.6, output: 2.5, cachedInput: 0.15 },
};
