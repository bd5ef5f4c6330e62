// Picks the base URL a configured provider is called at: config wins, then the catalog entry with its
// placeholders filled from the provider's own options block.

import { GatewayError } from '../errors';
import { azureBaseUrl } from './azure/azure-openai';
import { bedrockBaseUrl } from './bedrock/bedrock-codec';
import type { CatalogEntry } from './catalog-types';
import type { ProviderEndpointConfig } from './provider-options';
import { buildVertexBaseUrl } from './vertex/vertex-url';

export function resolveProviderBaseUrl(entry: CatalogEntry | undefined, config: ProviderEndpointConfig): string {
  if (config.baseUrl) return stripTrailingSlash(config.baseUrl);
  if (config.vertex) return buildVertexBaseUrl(config.vertex);
  if (config.azure?.resource) return azureBaseUrl(config.azure.resource);
  if (config.bedrock) return bedrockBaseUrl(config.bedrock.region);
  if (!entry) throw invalid(`provider kind "${config.kind}" is not in the catalog, so "baseUrl" is required`);
  if (entry.baseUrlParams?.length) {
    const hint = entry.id === 'vertex' ? '"vertex": { "project", "location" }' : entry.id === 'azure' ? '"azure": { "resource" }' : `"baseUrl" with ${entry.baseUrlParams.map((p) => `{${p}}`).join(', ')} filled in`;
    throw invalid(`provider kind "${entry.id}" needs ${hint} (catalog URL ${entry.baseUrl})`);
  }
  return entry.baseUrl;
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', message, { status: 500, code: 'provider_config_invalid' });
}
