// Built-in list prices in USD per 1M tokens, keyed by model id (dated snapshots match by prefix).
// Sources: https://openai.com/api/pricing, https://www.anthropic.com/pricing#api,
// https://ai.google.dev/gemini-api/docs/pricing — as published, reviewed 2025-11.
// Config `prices` override these; a price file can add to them without an upgrade.
// Gemini 2.5 Pro's >200k-token tier is not modelled: prompts that large are priced at the base tier.

import type { PriceConfig } from '../config/schema';

export const PRICE_TABLE_SOURCE = {
  reviewed: '2025-11-15',
  urls: ['https://openai.com/api/pricing', 'https://www.anthropic.com/pricing#api', 'https://ai.google.dev/gemini-api/docs/pricing'],
};

export const BUILT_IN_PRICES: Record<string, PriceConfig> = {
  // OpenAI
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  // Anthropic: cache writes (5-minute TTL) cost 1.25× input, cache reads 0.1× input.
  'claude-opus-4-5': { input: 5, cacheWrite: 6.25, cachedInput: 0.5, output: 25 },
  'claude-opus-4-1': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
  'claude-opus-4': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
  'claude-sonnet-4-5': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
  'claude-sonnet-4': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
  'claude-3-7-sonnet': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
  'claude-haiku-4-5': { input: 1, cacheWrite: 1.25, cachedInput: 0.1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, cacheWrite: 1, cachedInput: 0.08, output: 4 },
  // Google Gemini (paid tier, prompts up to 200k tokens)
  'gemini-2.5-pro': { input: 1.25, cachedInput: 0.31, output: 10 },
  'gemini-2.5-flash': { input: 0.3, cachedInput: 0.075, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
};
