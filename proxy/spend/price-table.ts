// Built-in list prices in USD per 1M tokens, one group per catalog provider, each with its source
// and the date it was last checked against that source. Dated snapshots match by prefix
// ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini"); an exact id always wins over a prefix.
// A price file (`<data-dir>/prices.json` or config `priceFile`) overrides these without an upgrade,
// and config `prices` override both. See README "Prices".
//
// Not modelled (priced at the base tier): long-context tiers (Gemini 2.5 Pro / 3 Pro above 200k
// prompt tokens, Claude Sonnet 4/4.5 with the 1M-context beta), batch discounts, Gemini explicit
// cache storage per hour, and tool fees (web search, code execution). None of these providers
// charges a per-request fee for plain generation; `perRequest` exists for price files and config.

import type { PriceConfig } from '../config/schema';

export interface PriceGroup {
  /** The catalog provider id (`providers[].kind`) these prices belong to. */
  provider: string;
  source: string;
  reviewed: string;
  models: Record<string, PriceConfig>;
}

/** Model id that prices every model of a provider (local servers cost nothing per token). */
export const ANY_MODEL = '*';

const OPENAI: PriceGroup = {
  provider: 'openai',
  source: 'https://openai.com/api/pricing',
  reviewed: '2025-11-15',
  models: {
    'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5-chat-latest': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
    'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
    'gpt-5-pro': { input: 15, output: 120 },
    'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
    'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    // The first gpt-4o snapshot kept its launch price.
    'gpt-4o-2024-05-13': { input: 5, output: 15 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    'gpt-4-turbo': { input: 10, output: 30 },
    'gpt-4': { input: 30, output: 60 },
    'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
    o1: { input: 15, cachedInput: 7.5, output: 60 },
    'o1-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
    'o1-pro': { input: 150, output: 600 },
    o3: { input: 2, cachedInput: 0.5, output: 8 },
    'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
    'o3-pro': { input: 20, output: 80 },
    'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
    'codex-mini-latest': { input: 1.5, cachedInput: 0.375, output: 6 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
    'text-embedding-ada-002': { input: 0.1, output: 0 },
  },
};

// Cache writes (5-minute TTL) cost 1.25× input, cache reads 0.1× input.
const ANTHROPIC: PriceGroup = {
  provider: 'anthropic',
  source: 'https://www.anthropic.com/pricing#api',
  reviewed: '2025-11-25',
  models: {
    'claude-opus-4-5': { input: 5, cacheWrite: 6.25, cachedInput: 0.5, output: 25 },
    'claude-opus-4-1': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-opus-4': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-sonnet-4-5': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-sonnet-4': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-3-7-sonnet': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-3-5-sonnet': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-haiku-4-5': { input: 1, cacheWrite: 1.25, cachedInput: 0.1, output: 5 },
    'claude-3-5-haiku': { input: 0.8, cacheWrite: 1, cachedInput: 0.08, output: 4 },
    'claude-3-opus': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-3-haiku': { input: 0.25, cacheWrite: 0.3, cachedInput: 0.03, output: 1.25 },
  },
};

// Paid tier, prompts up to 200k tokens. Thinking tokens are billed as output on current models;
// the 2.5 Flash preview of April 2025 billed them separately, hence its reasoningOutput.
const GEMINI: PriceGroup = {
  provider: 'gemini',
  source: 'https://ai.google.dev/gemini-api/docs/pricing',
  reviewed: '2025-11-20',
  models: {
    'gemini-3-pro-preview': { input: 2, cachedInput: 0.2, output: 12 },
    'gemini-2.5-pro': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gemini-2.5-flash': { input: 0.3, cachedInput: 0.03, output: 2.5 },
    'gemini-2.5-flash-preview-04-17': { input: 0.15, output: 0.6, reasoningOutput: 3.5 },
    'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.01, output: 0.4 },
    'gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
    'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
    'gemini-1.5-pro': { input: 1.25, output: 5 },
    'gemini-1.5-flash': { input: 0.075, output: 0.3 },
    'gemini-embedding-001': { input: 0.15, output: 0 },
  },
};

const GROQ: PriceGroup = {
  provider: 'groq',
  source: 'https://groq.com/pricing',
  reviewed: '2025-11-15',
  models: {
    'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
    'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
    'meta-llama/llama-4-maverick-17b-128e-instruct': { input: 0.2, output: 0.6 },
    'meta-llama/llama-4-scout-17b-16e-instruct': { input: 0.11, output: 0.34 },
    'openai/gpt-oss-120b': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    'openai/gpt-oss-20b': { input: 0.075, output: 0.3 },
    'qwen/qwen3-32b': { input: 0.29, output: 0.59 },
    'moonshotai/kimi-k2-instruct': { input: 1, output: 3 },
  },
};

const TOGETHER: PriceGroup = {
  provider: 'together',
  source: 'https://www.together.ai/pricing',
  reviewed: '2025-11-15',
  models: {
    'meta-llama/Llama-3.3-70B-Instruct-Turbo': { input: 0.88, output: 0.88 },
    'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo': { input: 0.18, output: 0.18 },
    'meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo': { input: 3.5, output: 3.5 },
    'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8': { input: 0.27, output: 0.85 },
    'meta-llama/Llama-4-Scout-17B-16E-Instruct': { input: 0.18, output: 0.59 },
    'deepseek-ai/DeepSeek-V3': { input: 1.25, output: 1.25 },
    'deepseek-ai/DeepSeek-R1': { input: 3, output: 7 },
    'Qwen/Qwen2.5-72B-Instruct-Turbo': { input: 1.2, output: 1.2 },
    'openai/gpt-oss-120b': { input: 0.15, output: 0.6 },
  },
};

// Fireworks prices serverless models by size band: above 16B parameters $0.90, 4–16B $0.20.
const FIREWORKS: PriceGroup = {
  provider: 'fireworks',
  source: 'https://fireworks.ai/pricing',
  reviewed: '2025-11-15',
  models: {
    'accounts/fireworks/models/llama-v3p3-70b-instruct': { input: 0.9, output: 0.9 },
    'accounts/fireworks/models/llama-v3p1-405b-instruct': { input: 3, output: 3 },
    'accounts/fireworks/models/llama-v3p1-8b-instruct': { input: 0.2, output: 0.2 },
    'accounts/fireworks/models/deepseek-v3': { input: 0.9, output: 0.9 },
    'accounts/fireworks/models/deepseek-r1': { input: 3, output: 8 },
    'accounts/fireworks/models/qwen2p5-72b-instruct': { input: 0.9, output: 0.9 },
    'accounts/fireworks/models/gpt-oss-120b': { input: 0.15, output: 0.6 },
  },
};

// V3.2 prices (from 2025-09-29): a cache hit costs a tenth of a miss; both models share them.
const DEEPSEEK: PriceGroup = {
  provider: 'deepseek',
  source: 'https://api-docs.deepseek.com/quick_start/pricing',
  reviewed: '2025-11-15',
  models: {
    'deepseek-chat': { input: 0.28, cachedInput: 0.028, output: 0.42 },
    'deepseek-reasoner': { input: 0.28, cachedInput: 0.028, output: 0.42 },
  },
};

const MISTRAL: PriceGroup = {
  provider: 'mistral',
  source: 'https://mistral.ai/pricing#api-pricing',
  reviewed: '2025-11-15',
  models: {
    'mistral-large': { input: 2, output: 6 },
    'mistral-medium': { input: 0.4, output: 2 },
    'mistral-small': { input: 0.1, output: 0.3 },
    'magistral-medium': { input: 2, output: 5 },
    'magistral-small': { input: 0.5, output: 1.5 },
    codestral: { input: 0.3, output: 0.9 },
    'devstral-small': { input: 0.1, output: 0.3 },
    'pixtral-large': { input: 2, output: 6 },
    'ministral-8b': { input: 0.1, output: 0.1 },
    'ministral-3b': { input: 0.04, output: 0.04 },
    'open-mistral-nemo': { input: 0.15, output: 0.15 },
    'mistral-embed': { input: 0.1, output: 0 },
  },
};

const XAI: PriceGroup = {
  provider: 'xai',
  source: 'https://docs.x.ai/docs/models',
  reviewed: '2025-11-20',
  models: {
    'grok-4': { input: 3, cachedInput: 0.75, output: 15 },
    'grok-4-fast': { input: 0.2, cachedInput: 0.05, output: 0.5 },
    'grok-4-1-fast': { input: 0.2, cachedInput: 0.05, output: 0.5 },
    'grok-code-fast-1': { input: 0.2, cachedInput: 0.02, output: 1.5 },
    'grok-3': { input: 3, cachedInput: 0.75, output: 15 },
    'grok-3-mini': { input: 0.3, cachedInput: 0.075, output: 0.5 },
  },
};

// Local servers: the tokens cost nothing (electricity is not modelled).
const LOCAL_FREE = (provider: string, source: string): PriceGroup => ({
  provider,
  source,
  reviewed: '2025-11-15',
  models: { [ANY_MODEL]: { input: 0, output: 0 } },
});

/**
 * Providers without built-in prices: OpenRouter (its prices follow the upstream provider's and
 * change often — configure them or use a price file) and vLLM (self-hosted, cost is yours to set).
 */
export const PRICE_GROUPS: readonly PriceGroup[] = [
  OPENAI, ANTHROPIC, GEMINI, GROQ, TOGETHER, FIREWORKS, DEEPSEEK, MISTRAL, XAI,
  LOCAL_FREE('ollama', 'https://ollama.com (runs locally)'),
  LOCAL_FREE('lmstudio', 'https://lmstudio.ai (runs locally)'),
];

/** First-party groups consulted by bare model id for any provider (resellers at list price, OpenRouter ids). */
export const FIRST_PARTY_GROUPS: readonly string[] = ['openai', 'anthropic', 'gemini'];
