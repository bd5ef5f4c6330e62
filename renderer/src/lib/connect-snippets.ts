// Exact settings that point each coding tool or SDK at this gateway. Pure so the strings are
// tested byte for byte: a wrong variable name here costs a user an afternoon.

export interface SnippetBlock {
  label: string;
  language: 'shell' | 'toml' | 'ts' | 'python' | 'text';
  code: string;
}

export interface ToolGuide {
  id: string;
  title: string;
  summary: string;
  blocks: SnippetBlock[];
  note?: string;
}

export interface ConnectOptions {
  /** Where the gateway listens, e.g. http://127.0.0.1:8787 (no trailing slash, no /v1). */
  gatewayUrl: string;
  /** A client key, or null to show a placeholder. */
  clientKey: string | null;
  /** The model or route name to suggest. */
  model: string;
}

export const KEY_PLACEHOLDER = '<your-switchyard-client-key>';

/** How a pasted key is shown on screen: enough to recognise it, not enough to use it. */
export function maskSecret(secret: string): string {
  const value = secret.trim();
  if (value.length <= 12) return '••••••••';
  return `${value.slice(0, 4)}••••${value.slice(-4)}`;
}

export function normalizeGatewayUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

// The model (a route name, or an id the upstream's own model list supplied), the key and the URL
// are written into code the user pastes into a shell or a config file: each is quoted for the
// language it lands in, so a value with a quote, a ";" or a "$(…)" stays one value there.

/** A POSIX shell word: bare when it is plainly safe (the bullets of a masked key are), else single-quoted. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./•-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A double-quoted string literal for TOML and Python (both read JSON's escapes). */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** A single-quoted JavaScript/TypeScript string literal. */
export function singleQuoted(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

export function buildToolGuides(options: ConnectOptions): ToolGuide[] {
  const base = normalizeGatewayUrl(options.gatewayUrl);
  const v1 = `${base}/v1`;
  const key = options.clientKey?.trim() || KEY_PLACEHOLDER;
  const model = options.model.trim() || 'smart';
  const sh = { base: shellWord(base), v1: shellWord(v1), key: shellWord(key), model: shellWord(model), aiderModel: shellWord(`openai/${model}`) };
  const dq = { base: doubleQuoted(base), v1: doubleQuoted(v1), key: doubleQuoted(key), model: doubleQuoted(model) };
  const sq = { base: singleQuoted(base), v1: singleQuoted(v1), key: singleQuoted(key), model: singleQuoted(model) };
  return [
    {
      id: 'claude-code',
      title: 'Claude Code',
      summary: 'Claude Code speaks Anthropic Messages; point it at the gateway root.',
      blocks: [
        {
          label: 'Shell (add to your profile to keep it)',
          language: 'shell',
          code: `export ANTHROPIC_BASE_URL=${sh.base}\nexport ANTHROPIC_AUTH_TOKEN=${sh.key}\nexport ANTHROPIC_MODEL=${sh.model}\nclaude`,
        },
      ],
      note: 'ANTHROPIC_MODEL is optional: leave it out to let Claude Code pick its own model names and route them here.',
    },
    {
      id: 'codex',
      title: 'Codex CLI',
      summary: 'Add a model provider to ~/.codex/config.toml that uses the Responses API.',
      blocks: [
        {
          label: '~/.codex/config.toml',
          language: 'toml',
          code: `model_provider = "switchyard"\nmodel = ${dq.model}\n\n[model_providers.switchyard]\nname = "Switchyard"\nbase_url = ${dq.v1}\nwire_api = "responses"\nenv_key = "SWITCHYARD_API_KEY"`,
        },
        { label: 'Shell', language: 'shell', code: `export SWITCHYARD_API_KEY=${sh.key}\ncodex` },
      ],
    },
    {
      id: 'cursor',
      title: 'Cursor',
      summary: 'Settings → Models → API Keys: set the OpenAI key and override the OpenAI base URL.',
      blocks: [
        { label: 'OpenAI API Key', language: 'text', code: key },
        { label: 'Override OpenAI Base URL', language: 'text', code: v1 },
        { label: 'Custom model name', language: 'text', code: model },
      ],
      note: 'Cursor calls the base URL from its own servers. If Verify fails for a loopback address, expose the gateway through an HTTPS tunnel and use that URL instead.',
    },
    {
      id: 'aider',
      title: 'Aider',
      summary: 'Aider talks to any OpenAI-compatible endpoint; prefix the model with openai/.',
      blocks: [
        {
          label: 'Shell',
          language: 'shell',
          code: `export OPENAI_API_KEY=${sh.key}\naider --openai-api-base ${sh.v1} --model ${sh.aiderModel}`,
        },
      ],
    },
    {
      id: 'openai-sdk',
      title: 'OpenAI SDK',
      summary: 'Chat Completions and Responses both work through the gateway.',
      blocks: [
        {
          label: 'TypeScript',
          language: 'ts',
          code: `import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  baseURL: ${sq.v1},\n  apiKey: ${sq.key},\n});\n\nconst reply = await client.chat.completions.create({\n  model: ${sq.model},\n  messages: [{ role: 'user', content: 'Hello' }],\n});`,
        },
        {
          label: 'Python',
          language: 'python',
          code: `from openai import OpenAI\n\nclient = OpenAI(base_url=${dq.v1}, api_key=${dq.key})\nreply = client.chat.completions.create(\n    model=${dq.model},\n    messages=[{"role": "user", "content": "Hello"}],\n)`,
        },
      ],
    },
    {
      id: 'anthropic-sdk',
      title: 'Anthropic SDK',
      summary: 'The SDK appends /v1/messages itself, so the base URL is the gateway root.',
      blocks: [
        {
          label: 'TypeScript',
          language: 'ts',
          code: `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({\n  baseURL: ${sq.base},\n  apiKey: ${sq.key},\n});\n\nconst reply = await client.messages.create({\n  model: ${sq.model},\n  max_tokens: 1024,\n  messages: [{ role: 'user', content: 'Hello' }],\n});`,
        },
        {
          label: 'Python',
          language: 'python',
          code: `from anthropic import Anthropic\n\nclient = Anthropic(base_url=${dq.base}, api_key=${dq.key})\nreply = client.messages.create(\n    model=${dq.model},\n    max_tokens=1024,\n    messages=[{"role": "user", "content": "Hello"}],\n)`,
        },
      ],
    },
    {
      id: 'gemini-sdk',
      title: 'Gemini SDK',
      summary: 'The Google Gen AI SDK takes the gateway root as httpOptions.baseUrl.',
      blocks: [
        {
          label: 'TypeScript',
          language: 'ts',
          code: `import { GoogleGenAI } from '@google/genai';\n\nconst ai = new GoogleGenAI({\n  apiKey: ${sq.key},\n  httpOptions: { baseUrl: ${sq.base} },\n});\n\nconst reply = await ai.models.generateContent({\n  model: ${sq.model},\n  contents: 'Hello',\n});`,
        },
      ],
    },
  ];
}
