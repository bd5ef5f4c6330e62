// Hosted providers that speak OpenAI Chat Completions with a bearer key: pure data, no codec code.

import type { CatalogEntry, CatalogModel } from '../catalog-types';

const CHAT: CatalogModel['capabilities'] = ['tools', 'json', 'streaming-usage'];
const CHAT_VISION: CatalogModel['capabilities'] = ['tools', 'vision', 'json', 'streaming-usage'];
const REASONING: CatalogModel['capabilities'] = ['tools', 'json', 'streaming-usage', 'reasoning'];

function models(capabilities: CatalogModel['capabilities'], ...rows: Array<[string, number?]>): CatalogModel[] {
  return rows.map(([id, contextWindow]) => (contextWindow === undefined ? { id, capabilities } : { id, contextWindow, capabilities }));
}

export const OPENAI_COMPATIBLE_CLOUD: CatalogEntry[] = [
  {
    id: 'mistral', name: 'Mistral AI', wire: 'openai', baseUrl: 'https://api.mistral.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.mistral.ai/api/',
    models: [
      ...models(CHAT, ['mistral-large-latest', 131_072], ['mistral-medium-latest', 131_072], ['mistral-small-latest', 131_072], ['codestral-latest', 256_000], ['ministral-8b-latest', 131_072]),
      ...models(CHAT_VISION, ['pixtral-large-latest', 131_072]),
      ...models(REASONING, ['magistral-medium-latest', 40_000]),
      { id: 'mistral-embed', contextWindow: 8_192, capabilities: ['embeddings'] },
    ],
  },
  {
    id: 'groq', name: 'Groq', wire: 'openai', baseUrl: 'https://api.groq.com/openai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://console.groq.com/docs/openai',
    models: [
      ...models(CHAT, ['llama-3.3-70b-versatile', 131_072], ['llama-3.1-8b-instant', 131_072], ['moonshotai/kimi-k2-instruct', 131_072]),
      ...models(CHAT_VISION, ['meta-llama/llama-4-scout-17b-16e-instruct', 131_072]),
      ...models(REASONING, ['openai/gpt-oss-120b', 131_072], ['openai/gpt-oss-20b', 131_072], ['qwen/qwen3-32b', 131_072]),
    ],
  },
  {
    id: 'together', name: 'Together AI', wire: 'openai', baseUrl: 'https://api.together.xyz/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.together.ai/docs/openai-api-compatibility',
    models: [
      ...models(CHAT, ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 131_072], ['deepseek-ai/DeepSeek-V3', 131_072], ['Qwen/Qwen2.5-72B-Instruct-Turbo', 32_768]),
      ...models(REASONING, ['deepseek-ai/DeepSeek-R1', 163_840], ['openai/gpt-oss-120b', 131_072]),
    ],
  },
  {
    id: 'fireworks', name: 'Fireworks AI', wire: 'openai', baseUrl: 'https://api.fireworks.ai/inference/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.fireworks.ai/tools-sdks/openai-compatibility',
    models: [
      ...models(CHAT, ['accounts/fireworks/models/llama-v3p3-70b-instruct', 131_072], ['accounts/fireworks/models/deepseek-v3', 131_072], ['accounts/fireworks/models/kimi-k2-instruct', 131_072]),
      ...models(REASONING, ['accounts/fireworks/models/qwen3-235b-a22b', 131_072], ['accounts/fireworks/models/deepseek-r1', 163_840]),
    ],
  },
  {
    id: 'deepseek', name: 'DeepSeek', wire: 'openai', baseUrl: 'https://api.deepseek.com/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://api-docs.deepseek.com/',
    // DeepSeek caches prompt prefixes on disk automatically and reports prompt_cache_hit_tokens.
    models: [
      { id: 'deepseek-chat', contextWindow: 128_000, capabilities: ['tools', 'json', 'streaming-usage', 'prompt-caching'] },
      { id: 'deepseek-reasoner', contextWindow: 128_000, capabilities: ['tools', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] },
    ],
  },
  {
    id: 'xai', name: 'xAI', wire: 'openai', baseUrl: 'https://api.x.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.x.ai/docs/api-reference',
    models: [
      { id: 'grok-4', contextWindow: 256_000, capabilities: ['tools', 'vision', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] },
      { id: 'grok-code-fast-1', contextWindow: 256_000, capabilities: ['tools', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] },
      { id: 'grok-3', contextWindow: 131_072, capabilities: ['tools', 'json', 'streaming-usage', 'prompt-caching'] },
      { id: 'grok-3-mini', contextWindow: 131_072, capabilities: ['tools', 'json', 'streaming-usage', 'prompt-caching', 'reasoning'] },
    ],
  },
  {
    id: 'perplexity', name: 'Perplexity', wire: 'openai', baseUrl: 'https://api.perplexity.ai', auth: 'bearer', streamUsage: true,
    docs: 'https://docs.perplexity.ai/api-reference/chat-completions-post',
    models: [
      ...models(['json', 'streaming-usage'], ['sonar', 127_072], ['sonar-pro', 200_000]),
      ...models(['json', 'streaming-usage', 'reasoning'], ['sonar-reasoning', 127_072], ['sonar-reasoning-pro', 127_072], ['sonar-deep-research', 127_072]),
    ],
  },
  {
    id: 'cerebras', name: 'Cerebras', wire: 'openai', baseUrl: 'https://api.cerebras.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://inference-docs.cerebras.ai/resources/openai',
    models: [...models(CHAT, ['llama-3.3-70b'], ['llama3.1-8b'], ['qwen-3-32b']), ...models(REASONING, ['gpt-oss-120b', 131_072])],
  },
  {
    id: 'openrouter', name: 'OpenRouter', wire: 'openai', baseUrl: 'https://openrouter.ai/api/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://openrouter.ai/docs/api-reference/overview',
    models: [
      ...models(CHAT_VISION, ['openai/gpt-4o', 128_000], ['anthropic/claude-sonnet-4', 200_000], ['google/gemini-2.5-pro', 1_048_576]),
      ...models(CHAT, ['meta-llama/llama-3.3-70b-instruct', 131_072], ['deepseek/deepseek-chat-v3-0324', 163_840]),
    ],
  },
  {
    id: 'deepinfra', name: 'DeepInfra', wire: 'openai', baseUrl: 'https://api.deepinfra.com/v1/openai', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://deepinfra.com/docs/openai_api',
    models: [
      ...models(CHAT, ['meta-llama/Llama-3.3-70B-Instruct', 131_072], ['deepseek-ai/DeepSeek-V3', 163_840], ['Qwen/Qwen2.5-72B-Instruct', 32_768]),
      ...models(REASONING, ['deepseek-ai/DeepSeek-R1', 163_840]),
    ],
  },
  {
    id: 'huggingface', name: 'Hugging Face Inference Providers', wire: 'openai', baseUrl: 'https://router.huggingface.co/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://huggingface.co/docs/inference-providers/index',
    models: [
      ...models(CHAT, ['meta-llama/Llama-3.3-70B-Instruct', 131_072], ['Qwen/Qwen3-235B-A22B', 131_072]),
      ...models(REASONING, ['deepseek-ai/DeepSeek-R1', 163_840]),
    ],
  },
  {
    id: 'nvidia', name: 'NVIDIA NIM', wire: 'openai', baseUrl: 'https://integrate.api.nvidia.com/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.api.nvidia.com/nim/reference/llm-apis',
    models: [
      ...models(CHAT, ['meta/llama-3.3-70b-instruct', 128_000], ['nvidia/llama-3.1-nemotron-70b-instruct', 128_000]),
      ...models(REASONING, ['deepseek-ai/deepseek-r1', 128_000]),
    ],
  },
  {
    id: 'cloudflare', name: 'Cloudflare Workers AI', wire: 'openai',
    baseUrl: 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1', baseUrlParams: ['account_id'],
    auth: 'bearer', streamUsage: true,
    docs: 'https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility/',
    notes: 'Write your account id into baseUrl.',
    models: models(CHAT, ['@cf/meta/llama-3.3-70b-instruct-fp8-fast', 24_000], ['@cf/meta/llama-3.1-8b-instruct', 7_968]),
  },
  {
    id: 'github', name: 'GitHub Models', wire: 'openai', baseUrl: 'https://models.github.ai/inference', auth: 'bearer', streamUsage: true,
    docs: 'https://docs.github.com/en/rest/models/inference',
    notes: 'apiKey is a GitHub token with the models:read permission.',
    models: [
      ...models(CHAT_VISION, ['openai/gpt-4.1', 1_047_576], ['openai/gpt-4o-mini', 128_000]),
      ...models(CHAT, ['meta/Llama-3.3-70B-Instruct', 128_000]),
      ...models(REASONING, ['deepseek/DeepSeek-R1', 128_000]),
    ],
  },
  {
    id: 'moonshot', name: 'Moonshot AI (Kimi)', wire: 'openai', baseUrl: 'https://api.moonshot.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://platform.moonshot.ai/docs/api/chat',
    models: models(CHAT, ['kimi-k2-0905-preview', 262_144], ['kimi-k2-turbo-preview', 262_144], ['moonshot-v1-128k', 131_072]),
  },
  {
    id: 'zhipu', name: 'Zhipu AI (BigModel)', wire: 'openai', baseUrl: 'https://open.bigmodel.cn/api/paas/v4', auth: 'bearer', streamUsage: true,
    docs: 'https://docs.bigmodel.cn/api-reference',
    models: [...models(REASONING, ['glm-4.5', 131_072], ['glm-4.5-air', 131_072]), ...models(CHAT, ['glm-4-plus', 128_000])],
  },
  {
    id: 'zai', name: 'Z.ai', wire: 'openai', baseUrl: 'https://api.z.ai/api/paas/v4', auth: 'bearer', streamUsage: true,
    docs: 'https://docs.z.ai/api-reference/introduction',
    models: models(REASONING, ['glm-4.6', 200_000], ['glm-4.5', 131_072], ['glm-4.5-air', 131_072]),
  },
  {
    id: 'qwen', name: 'Qwen (Alibaba DashScope)', wire: 'openai', baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
    models: [
      ...models(CHAT, ['qwen-max', 32_768], ['qwen-plus', 131_072], ['qwen-turbo', 1_000_000], ['qwen3-coder-plus', 1_048_576]),
      ...models(CHAT_VISION, ['qwen-vl-max', 131_072]),
    ],
  },
  {
    id: 'sambanova', name: 'SambaNova Cloud', wire: 'openai', baseUrl: 'https://api.sambanova.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.sambanova.ai/cloud/docs/capabilities/openai-compatibility',
    models: [
      ...models(CHAT, ['Meta-Llama-3.3-70B-Instruct', 131_072], ['DeepSeek-V3-0324', 131_072]),
      ...models(REASONING, ['DeepSeek-R1', 131_072]),
    ],
  },
  {
    id: 'nebius', name: 'Nebius AI Studio', wire: 'openai', baseUrl: 'https://api.studio.nebius.com/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.nebius.com/studio/inference/api',
    models: models(CHAT, ['meta-llama/Llama-3.3-70B-Instruct', 131_072], ['deepseek-ai/DeepSeek-V3', 131_072], ['Qwen/Qwen3-235B-A22B', 131_072]),
  },
  {
    id: 'novita', name: 'Novita AI', wire: 'openai', baseUrl: 'https://api.novita.ai/v3/openai', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://novita.ai/docs/guides/llm-api',
    models: [...models(CHAT, ['meta-llama/llama-3.3-70b-instruct', 131_072], ['deepseek/deepseek-v3-0324', 163_840]), ...models(REASONING, ['deepseek/deepseek-r1', 163_840])],
  },
  {
    id: 'hyperbolic', name: 'Hyperbolic', wire: 'openai', baseUrl: 'https://api.hyperbolic.xyz/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.hyperbolic.xyz/docs/rest-api',
    models: models(CHAT, ['meta-llama/Llama-3.3-70B-Instruct', 131_072], ['deepseek-ai/DeepSeek-V3', 131_072], ['Qwen/Qwen2.5-72B-Instruct', 32_768]),
  },
  {
    id: 'lambda', name: 'Lambda Inference', wire: 'openai', baseUrl: 'https://api.lambda.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.lambda.ai/public-cloud/lambda-inference-api/',
    models: [...models(CHAT, ['llama3.3-70b-instruct-fp8', 131_072]), ...models(REASONING, ['deepseek-r1-0528', 163_840])],
  },
  {
    id: 'scaleway', name: 'Scaleway Generative APIs', wire: 'openai', baseUrl: 'https://api.scaleway.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://www.scaleway.com/en/docs/generative-apis/',
    models: models(CHAT, ['llama-3.3-70b-instruct', 131_072], ['mistral-small-3.2-24b-instruct-2506', 128_000], ['qwen3-235b-a22b-instruct-2507', 250_000]),
  },
  {
    id: 'cohere-compat', name: 'Cohere (OpenAI-compatible endpoint)', wire: 'openai', baseUrl: 'https://api.cohere.ai/compatibility/v1', auth: 'bearer', streamUsage: true,
    docs: 'https://docs.cohere.com/docs/compatibility-api',
    models: models(['tools', 'json', 'streaming-usage'], ['command-a-03-2025', 256_000], ['command-r-plus-08-2024', 128_000]),
  },
  {
    id: 'ai21', name: 'AI21 Labs', wire: 'openai', baseUrl: 'https://api.ai21.com/studio/v1', auth: 'bearer', streamUsage: true,
    docs: 'https://docs.ai21.com/reference/jamba-1-6-api-ref',
    models: models(CHAT, ['jamba-large', 256_000], ['jamba-mini', 256_000]),
  },
  {
    id: 'siliconflow', name: 'SiliconFlow', wire: 'openai', baseUrl: 'https://api.siliconflow.com/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.siliconflow.com/en/api-reference/chat-completions/chat-completions',
    models: [...models(CHAT, ['deepseek-ai/DeepSeek-V3', 131_072], ['Qwen/Qwen3-235B-A22B', 131_072]), ...models(REASONING, ['deepseek-ai/DeepSeek-R1', 131_072])],
  },
  {
    id: 'minimax', name: 'MiniMax', wire: 'openai', baseUrl: 'https://api.minimax.io/v1', auth: 'bearer', streamUsage: true,
    docs: 'https://www.minimax.io/platform/document/ChatCompletion',
    models: models(REASONING, ['MiniMax-M1', 1_000_000]),
  },
  {
    id: 'baseten', name: 'Baseten Model APIs', wire: 'openai', baseUrl: 'https://inference.baseten.co/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.baseten.co/development/model-apis/overview',
    models: models(CHAT, ['deepseek-ai/DeepSeek-V3-0324', 163_840], ['moonshotai/Kimi-K2-Instruct', 131_072]),
  },
  {
    id: 'featherless', name: 'Featherless AI', wire: 'openai', baseUrl: 'https://api.featherless.ai/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://featherless.ai/docs/api-overview-and-common-options',
  },
  {
    id: 'upstage', name: 'Upstage', wire: 'openai', baseUrl: 'https://api.upstage.ai/v1', auth: 'bearer', streamUsage: true,
    docs: 'https://console.upstage.ai/docs/capabilities/chat',
    models: models(CHAT, ['solar-pro2', 65_536], ['solar-mini', 32_768]),
  },
  {
    id: 'venice', name: 'Venice AI', wire: 'openai', baseUrl: 'https://api.venice.ai/api/v1', auth: 'bearer', listsModels: true, streamUsage: true,
    docs: 'https://docs.venice.ai/api-reference/api-spec',
  },
  {
    id: 'friendli', name: 'FriendliAI Serverless', wire: 'openai', baseUrl: 'https://api.friendli.ai/serverless/v1', auth: 'bearer', streamUsage: true,
    docs: 'https://friendli.ai/docs/guides/openai-compatibility',
    models: models(CHAT, ['meta-llama-3.3-70b-instruct', 131_072]),
  },
];
