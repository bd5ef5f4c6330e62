// Servers people run on their own machine or network. All speak OpenAI Chat Completions; most need no key.

import type { CatalogEntry } from '../catalog-types';

export const LOCAL_PROVIDERS: CatalogEntry[] = [
  {
    id: 'ollama', name: 'Ollama', wire: 'openai', baseUrl: 'http://127.0.0.1:11434/v1', auth: 'none', local: true,
    // Ollama lists pulled models at /api/tags too (outside the /v1 prefix), which older versions only had.
    listsModels: true, nativeModelsPath: '/api/tags', streamUsage: true,
    docs: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
  },
  {
    id: 'lmstudio', name: 'LM Studio', wire: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', auth: 'none', local: true, listsModels: true, streamUsage: true,
    docs: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
  },
  {
    id: 'vllm', name: 'vLLM', wire: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', auth: 'bearer', local: true, listsModels: true, streamUsage: true,
    docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    notes: 'The key is optional: set it when vLLM runs with --api-key.',
  },
  {
    id: 'llamacpp', name: 'llama.cpp server', wire: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', auth: 'bearer', local: true, listsModels: true, streamUsage: true,
    docs: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server',
    notes: 'The key is optional: set it when llama-server runs with --api-key.',
  },
  {
    id: 'localai', name: 'LocalAI', wire: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', auth: 'bearer', local: true, listsModels: true, streamUsage: true,
    docs: 'https://localai.io/features/text-generation/',
    notes: 'The key is optional: set it when LocalAI runs with API_KEY.',
  },
  {
    id: 'sglang', name: 'SGLang', wire: 'openai', baseUrl: 'http://127.0.0.1:30000/v1', auth: 'bearer', local: true, listsModels: true, streamUsage: true,
    docs: 'https://docs.sglang.ai/basic_usage/openai_api_completions.html',
  },
  {
    id: 'tgi', name: 'Hugging Face Text Generation Inference', wire: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', auth: 'bearer', local: true, listsModels: true, streamUsage: true,
    docs: 'https://huggingface.co/docs/text-generation-inference/en/messages_api',
  },
  {
    id: 'jan', name: 'Jan', wire: 'openai', baseUrl: 'http://127.0.0.1:1337/v1', auth: 'bearer', local: true, listsModels: true, streamUsage: true,
    docs: 'https://jan.ai/docs/api-server',
  },
  {
    id: 'llamafile', name: 'llamafile', wire: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', auth: 'none', local: true, listsModels: true, streamUsage: true,
    docs: 'https://github.com/Mozilla-Ocho/llamafile',
  },
];
