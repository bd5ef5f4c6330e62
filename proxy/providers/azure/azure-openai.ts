// Azure OpenAI: the body is OpenAI's, but the model is a deployment in the path and the version a query.
// https://learn.microsoft.com/en-us/azure/ai-services/openai/reference

import type { UpstreamCall } from '../codec';
import type { AzureOptions } from '../provider-options';

/** The latest GA data-plane version when the config names none. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export function azureBaseUrl(resource: string): string {
  return `https://${resource}.openai.azure.com/openai`;
}

export function azureDeploymentFor(model: string, options: AzureOptions = {}): string {
  // The model is the client's to choose: "constructor" is a model name, not a property every object has.
  const deployments = options.deployments;
  return deployments && Object.hasOwn(deployments, model) ? deployments[model]! : model;
}

export function azureChatPath(deployment: string, apiVersion: string = DEFAULT_AZURE_API_VERSION): string {
  return `/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(apiVersion)}`;
}

/**
 * Rewrites an OpenAI-codec call (`/chat/completions`, `/embeddings`, `/responses`) for Azure.
 * With apiVersion "v1" Azure takes OpenAI's own paths under /openai/v1 and the deployment as `model`.
 */
export function rewriteUpstreamCallForAzure(call: UpstreamCall, model: string, options: AzureOptions = {}): UpstreamCall {
  const deployment = azureDeploymentFor(model, options);
  const apiVersion = options.apiVersion ?? DEFAULT_AZURE_API_VERSION;
  const [path, query] = splitQuery(call.path);
  if (apiVersion === 'v1') {
    return { ...call, path: `/v1${path}${query}`, body: withModel(call.body, deployment) };
  }
  const version = `api-version=${encodeURIComponent(apiVersion)}`;
  const extra = query ? `&${query.slice(1)}` : '';
  switch (path) {
    case '/chat/completions':
    case '/embeddings':
    case '/completions':
      return { ...call, path: `/deployments/${encodeURIComponent(deployment)}${path}?${version}${extra}` };
    default:
      // Newer Azure surfaces (Responses) take the deployment in the body at the resource level.
      return { ...call, path: `${path}?${version}${extra}`, body: withModel(call.body, deployment) };
  }
}

function splitQuery(path: string): [string, string] {
  const q = path.indexOf('?');
  return q < 0 ? [path, ''] : [path.slice(0, q), path.slice(q)];
}

function withModel(body: unknown, model: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, model } : body;
}
