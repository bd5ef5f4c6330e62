// The shape of one built-in catalog entry. Kept apart from the data so data files import only types.

import type { WireFormat } from '../formats/canonical';

export type AuthScheme =
  | 'bearer'
  | 'x-api-key'
  | 'azure-api-key'
  | 'query-key'
  | 'aws-sigv4'
  | 'google-service-account'
  | 'none';

export type ModelCapability = 'tools' | 'vision' | 'json' | 'streaming-usage' | 'prompt-caching' | 'reasoning' | 'embeddings';

export interface CatalogModel {
  id: string;
  contextWindow?: number;
  capabilities?: ModelCapability[];
}

export interface CatalogEntry {
  id: string;
  name: string;
  wire: WireFormat;
  /** Default base URL; config `baseUrl` always overrides it. May hold `{placeholders}` named in baseUrlParams. */
  baseUrl: string;
  /** Placeholders in baseUrl the user must fill (Azure resource, Cloudflare account, Vertex project/location). */
  baseUrlParams?: string[];
  auth: AuthScheme;
  /** Whether `GET {baseUrl}/models` lists the provider's models. */
  listsModels?: boolean;
  /** The listing path relative to baseUrl when it is not `/models`. */
  modelsPath?: string;
  /** A provider-specific listing path relative to the base URL's origin, tried when /models fails (Ollama's /api/tags). */
  nativeModelsPath?: string;
  /** Whether the provider honours `stream_options.include_usage` (OpenAI-compatible ones mostly do). */
  streamUsage?: boolean;
  /** Runs on the user's own machine or network. */
  local?: boolean;
  models?: CatalogModel[];
  docs?: string;
  /** A short setup hint shown by `switchyard providers`. */
  notes?: string;
}
