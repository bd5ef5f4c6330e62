// Built-in provider catalog: providers are data. Only wire formats that really differ get codec code.

import type { WireFormat } from '../formats/canonical';

export type AuthScheme =
  | 'bearer'
  | 'x-api-key'
  | 'azure-api-key'
  | 'query-key'
  | 'aws-sigv4'
  | 'google-service-account'
  | 'none';

export interface CatalogModel {
  id: string;
  contextWindow?: number;
  capabilities?: Array<'tools' | 'vision' | 'json' | 'streaming-usage' | 'prompt-caching' | 'reasoning' | 'embeddings'>;
}

export interface CatalogEntry {
  id: string;
  name: string;
  wire: WireFormat;
  /** Default base URL; config `baseUrl` always overrides it. */
  baseUrl: string;
  auth: AuthScheme;
  /** Whether `GET {baseUrl}/models` lists the provider's models. */
  listsModels?: boolean;
  /** Whether the provider honours `stream_options.include_usage` (OpenAI-compatible ones mostly do). */
  streamUsage?: boolean;
  models?: CatalogModel[];
  docs?: string;
}

const OPENAI_COMPATIBLE: CatalogEntry[] = [
  { id: 'openai', name: 'OpenAI', wire: 'openai', baseUrl: 'https://api.openai.com/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://platform.openai.com/docs/api-reference' },
  { id: 'groq', name: 'Groq', wire: 'openai', baseUrl: 'https://api.groq.com/openai/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://console.groq.com/docs/openai' },
  { id: 'together', name: 'Together AI', wire: 'openai', baseUrl: 'https://api.together.xyz/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://docs.together.ai/docs/openai-api-compatibility' },
  { id: 'fireworks', name: 'Fireworks AI', wire: 'openai', baseUrl: 'https://api.fireworks.ai/inference/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://docs.fireworks.ai/tools-sdks/openai-compatibility' },
  { id: 'deepseek', name: 'DeepSeek', wire: 'openai', baseUrl: 'https://api.deepseek.com/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://api-docs.deepseek.com/' },
  { id: 'mistral', name: 'Mistral AI', wire: 'openai', baseUrl: 'https://api.mistral.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://docs.mistral.ai/api/' },
  { id: 'openrouter', name: 'OpenRouter', wire: 'openai', baseUrl: 'https://openrouter.ai/api/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://openrouter.ai/docs/api-reference/overview' },
  { id: 'xai', name: 'xAI', wire: 'openai', baseUrl: 'https://api.x.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://docs.x.ai/docs/api-reference' },
  { id: 'ollama', name: 'Ollama', wire: 'openai', baseUrl: 'http://127.0.0.1:11434/v1', auth: 'none', listsModels: true, streamUsage: true, docs: 'https://github.com/ollama/ollama/blob/main/docs/openai.md' },
  { id: 'lmstudio', name: 'LM Studio', wire: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', auth: 'none', listsModels: true, streamUsage: true, docs: 'https://lmstudio.ai/docs/app/api/endpoints/openai' },
  { id: 'vllm', name: 'vLLM', wire: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', auth: 'bearer', listsModels: true, streamUsage: true, docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html' },
];

const NATIVE: CatalogEntry[] = [
  { id: 'anthropic', name: 'Anthropic', wire: 'anthropic', baseUrl: 'https://api.anthropic.com/v1', auth: 'x-api-key', listsModels: true, docs: 'https://docs.anthropic.com/en/api/messages' },
  { id: 'gemini', name: 'Google AI Studio (Gemini)', wire: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', auth: 'query-key', listsModels: true, docs: 'https://ai.google.dev/api' },
];

export const CATALOG: readonly CatalogEntry[] = [...OPENAI_COMPATIBLE, ...NATIVE];

const BY_ID = new Map(CATALOG.map((entry) => [entry.id, entry]));

export function findCatalogEntry(id: string): CatalogEntry | undefined {
  return BY_ID.get(id);
}
