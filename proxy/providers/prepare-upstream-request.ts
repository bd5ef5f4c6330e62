// Turns a codec's UpstreamCall into the exact HTTP request for one configured provider: base URL
// (config, options block or catalog), Azure's deployment rewrite, headers and the provider's auth scheme.

import { authorizeRequest, type AuthorizeOptions } from './auth/authorize';
import { rewriteUpstreamCallForAzure } from './azure/azure-openai';
import type { CatalogEntry } from './catalog-types';
import type { UpstreamCall } from './codec';
import type { ProviderEndpointConfig } from './provider-options';
import { resolveProviderBaseUrl } from './resolve-base-url';

export interface PreparedRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface PrepareInput {
  /** The catalog entry for `provider.kind`, if the catalog has one. */
  entry: CatalogEntry | undefined;
  provider: ProviderEndpointConfig & { headers?: Record<string, string> };
  call: UpstreamCall;
  /** The provider's own model name (after `<provider id>/`). */
  model: string;
  /** The resolved apiKey (env:/keychain: already read). */
  secret?: string;
  stream: boolean;
  authOptions?: AuthorizeOptions;
}

export async function prepareUpstreamRequest(input: PrepareInput): Promise<PreparedRequest> {
  const { entry, provider } = input;
  const baseUrl = resolveProviderBaseUrl(entry, provider);
  const call = (entry?.id ?? provider.kind) === 'azure' ? rewriteUpstreamCallForAzure(input.call, input.model, provider.azure) : input.call;
  const body = JSON.stringify(call.body);
  const accept = !input.stream ? 'application/json' : entry?.wire === 'bedrock' ? 'application/vnd.amazon.eventstream' : 'text/event-stream';
  const headers: Record<string, string> = { 'content-type': 'application/json', accept, ...provider.headers, ...call.headers };
  // Providers outside the catalog are assumed OpenAI-compatible with a bearer key, the common case.
  const authorized = await authorizeRequest(entry?.auth ?? 'bearer', input.secret, { method: 'POST', url: `${baseUrl}${call.path}`, headers, body }, input.authOptions);
  return { method: 'POST', url: authorized.url, headers: authorized.headers, body };
}
