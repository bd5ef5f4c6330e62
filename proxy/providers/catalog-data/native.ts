// Providers whose wire format or auth differs from plain OpenAI-compatible bearer: each has codec or auth code.

import type { CatalogEntry } from '../catalog-types';

const CLAUDE = ['tools', 'vision', 'prompt-caching'] as const;
const CLAUDE_THINKING = ['tools', 'vision', 'prompt-caching', 'reasoning'] as const;
const GEMINI = ['tools', 'vision', 'json', 'streaming-usage', 'prompt-caching'] as const;
const GEMINI_THINKING = ['tools', 'vision', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] as const;
const GPT = ['tools', 'vision', 'json', 'streaming-usage', 'prompt-caching'] as const;
const O_SERIES = ['tools', 'vision', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] as const;

export const NATIVE_PROVIDERS: CatalogEntry[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    wire: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    auth: 'bearer',
    listsModels: true,
    streamUsage: true,
    docs: 'https://platform.openai.com/docs/api-reference',
    models: [
      { id: 'gpt-5', contextWindow: 400_000, capabilities: [...O_SERIES] },
      { id: 'gpt-5-mini', contextWindow: 400_000, capabilities: [...O_SERIES] },
      { id: 'gpt-5-nano', contextWindow: 400_000, capabilities: [...O_SERIES] },
      { id: 'gpt-4.1', contextWindow: 1_047_576, capabilities: [...GPT] },
      { id: 'gpt-4.1-mini', contextWindow: 1_047_576, capabilities: [...GPT] },
      { id: 'gpt-4.1-nano', contextWindow: 1_047_576, capabilities: [...GPT] },
      { id: 'gpt-4o', contextWindow: 128_000, capabilities: [...GPT] },
      { id: 'gpt-4o-mini', contextWindow: 128_000, capabilities: [...GPT] },
      { id: 'o3', contextWindow: 200_000, capabilities: [...O_SERIES] },
      { id: 'o4-mini', contextWindow: 200_000, capabilities: [...O_SERIES] },
      { id: 'o3-mini', contextWindow: 200_000, capabilities: ['tools', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] },
      { id: 'text-embedding-3-small', contextWindow: 8_191, capabilities: ['embeddings'] },
      { id: 'text-embedding-3-large', contextWindow: 8_191, capabilities: ['embeddings'] },
    ],
  },
  {
    id: 'azure',
    name: 'Azure OpenAI',
    wire: 'openai',
    // https://{resource}.openai.azure.com/openai — the resource name is the user's; config `baseUrl` fills it in.
    baseUrl: 'https://{resource}.openai.azure.com/openai',
    baseUrlParams: ['resource'],
    auth: 'azure-api-key',
    streamUsage: true,
    docs: 'https://learn.microsoft.com/en-us/azure/ai-services/openai/reference',
    notes: 'Models are deployments: config `azure.deployments` maps model names to deployment names; `azure.apiVersion` sets the api-version query.',
    models: [
      { id: 'gpt-4.1', contextWindow: 1_047_576, capabilities: [...GPT] },
      { id: 'gpt-4o', contextWindow: 128_000, capabilities: [...GPT] },
      { id: 'gpt-4o-mini', contextWindow: 128_000, capabilities: [...GPT] },
      { id: 'o4-mini', contextWindow: 200_000, capabilities: [...O_SERIES] },
    ],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    wire: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    auth: 'x-api-key',
    listsModels: true,
    docs: 'https://docs.anthropic.com/en/api/messages',
    models: [
      { id: 'claude-opus-4-1-20250805', contextWindow: 200_000, capabilities: [...CLAUDE_THINKING] },
      { id: 'claude-opus-4-20250514', contextWindow: 200_000, capabilities: [...CLAUDE_THINKING] },
      { id: 'claude-sonnet-4-5-20250929', contextWindow: 200_000, capabilities: [...CLAUDE_THINKING] },
      { id: 'claude-sonnet-4-20250514', contextWindow: 200_000, capabilities: [...CLAUDE_THINKING] },
      { id: 'claude-3-7-sonnet-20250219', contextWindow: 200_000, capabilities: [...CLAUDE_THINKING] },
      { id: 'claude-haiku-4-5-20251001', contextWindow: 200_000, capabilities: [...CLAUDE_THINKING] },
      { id: 'claude-3-5-haiku-20241022', contextWindow: 200_000, capabilities: [...CLAUDE] },
    ],
  },
  {
    id: 'gemini',
    name: 'Google AI Studio (Gemini)',
    wire: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    auth: 'query-key',
    listsModels: true,
    docs: 'https://ai.google.dev/api',
    models: [
      { id: 'gemini-2.5-pro', contextWindow: 1_048_576, capabilities: [...GEMINI_THINKING] },
      { id: 'gemini-2.5-flash', contextWindow: 1_048_576, capabilities: [...GEMINI_THINKING] },
      { id: 'gemini-2.5-flash-lite', contextWindow: 1_048_576, capabilities: [...GEMINI_THINKING] },
      { id: 'gemini-2.0-flash', contextWindow: 1_048_576, capabilities: [...GEMINI] },
      { id: 'gemini-embedding-001', contextWindow: 2_048, capabilities: ['embeddings'] },
    ],
  },
  {
    id: 'vertex',
    name: 'Google Vertex AI',
    wire: 'gemini',
    // Filled in from config `vertex: { project, location }` by buildVertexBaseUrl.
    baseUrl: 'https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google',
    baseUrlParams: ['project', 'location'],
    auth: 'google-service-account',
    docs: 'https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference',
    notes: 'apiKey is the service-account JSON key; config `vertex: { project, location }` builds the base URL.',
    models: [
      { id: 'gemini-2.5-pro', contextWindow: 1_048_576, capabilities: [...GEMINI_THINKING] },
      { id: 'gemini-2.5-flash', contextWindow: 1_048_576, capabilities: [...GEMINI_THINKING] },
      { id: 'gemini-2.5-flash-lite', contextWindow: 1_048_576, capabilities: [...GEMINI_THINKING] },
      { id: 'gemini-2.0-flash', contextWindow: 1_048_576, capabilities: [...GEMINI] },
    ],
  },
  {
    id: 'bedrock',
    name: 'AWS Bedrock',
    wire: 'bedrock',
    baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
    auth: 'aws-sigv4',
    docs: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html',
    notes: 'apiKey is `ACCESS_KEY:SECRET_KEY[:REGION]` or JSON {accessKeyId, secretAccessKey, sessionToken?, region}; config `bedrock.region` picks the endpoint.',
    models: [
      { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0', contextWindow: 200_000, capabilities: ['tools', 'vision', 'prompt-caching', 'reasoning'] },
      { id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', contextWindow: 200_000, capabilities: ['tools', 'vision'] },
      { id: 'anthropic.claude-3-5-haiku-20241022-v1:0', contextWindow: 200_000, capabilities: ['tools'] },
      { id: 'amazon.nova-pro-v1:0', contextWindow: 300_000, capabilities: ['tools', 'vision', 'prompt-caching'] },
      { id: 'amazon.nova-lite-v1:0', contextWindow: 300_000, capabilities: ['tools', 'vision', 'prompt-caching'] },
      { id: 'amazon.nova-micro-v1:0', contextWindow: 128_000, capabilities: ['tools', 'prompt-caching'] },
      { id: 'meta.llama3-3-70b-instruct-v1:0', contextWindow: 128_000, capabilities: ['tools'] },
      { id: 'mistral.mistral-large-2407-v1:0', contextWindow: 128_000, capabilities: ['tools'] },
    ],
  },
  {
    id: 'cohere',
    name: 'Cohere',
    wire: 'cohere',
    baseUrl: 'https://api.cohere.com',
    auth: 'bearer',
    listsModels: true,
    modelsPath: '/v1/models?endpoint=chat&page_size=1000',
    docs: 'https://docs.cohere.com/reference/chat',
    models: [
      { id: 'command-a-03-2025', contextWindow: 256_000, capabilities: ['tools', 'json'] },
      { id: 'command-r-plus-08-2024', contextWindow: 128_000, capabilities: ['tools', 'json'] },
      { id: 'command-r-08-2024', contextWindow: 128_000, capabilities: ['tools', 'json'] },
      { id: 'command-r7b-12-2024', contextWindow: 128_000, capabilities: ['tools', 'json'] },
      { id: 'embed-v4.0', contextWindow: 128_000, capabilities: ['embeddings'] },
    ],
  },
];
