// Vertex AI serves Gemini's wire format under a project- and region-scoped base URL.
// https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.publishers.models/generateContent

import type { VertexOptions } from '../provider-options';

/** The global endpoint has no region prefix on its host. */
export function buildVertexBaseUrl(options: VertexOptions): string {
  const host = options.location === 'global' ? 'aiplatform.googleapis.com' : `${options.location}-aiplatform.googleapis.com`;
  return `https://${host}/v1/projects/${encodeURIComponent(options.project)}/locations/${options.location}/publishers/google`;
}

/** Where Gemini's `/models/{model}:generateContent` lands on Vertex, for logs and tests. */
export function vertexModelUrl(options: VertexOptions, model: string, method: 'generateContent' | 'streamGenerateContent' | 'countTokens'): string {
  const base = `${buildVertexBaseUrl(options)}/models/${encodeURIComponent(model)}:${method}`;
  return method === 'streamGenerateContent' ? `${base}?alt=sse` : base;
}
