// The facts about a request that rules and strategies route by. Prompt tokens are an estimate from
// the body size (characters / 4) — cheap, taken before any upstream call, and labelled as such.
// Tools and images come from the canonical request; for formats whose decoder does not fill them
// yet, a small reader per format looks at the raw body.

import type { CanonicalRequest, ClientFormatName, Part } from '../formats/canonical';

export interface RequestFacts {
  estimatedPromptTokens: number;
  /** The client's output cap (max_tokens and the like), when it sent one. */
  maxOutputTokens: number | undefined;
  hasTools: boolean;
  hasImages: boolean;
  client: string | null;
  /** The model the client asked for. */
  model: string;
  headers: Record<string, string | string[] | undefined>;
}

const CHARS_PER_TOKEN = 4;

export function estimatePromptTokens(bodyBytes: number): number {
  return Math.ceil(bodyBytes / CHARS_PER_TOKEN);
}

interface BodyFacts {
  hasTools: boolean;
  hasImages: boolean;
  maxOutputTokens: number | undefined;
}

/** Chat Completions: `tools` (or the legacy `functions`), `image_url` content parts, `max_completion_tokens`/`max_tokens`. */
export function readOpenAIChatFacts(body: Record<string, unknown>): BodyFacts {
  const tools = body.tools ?? body.functions;
  let hasImages = false;
  if (Array.isArray(body.messages)) {
    outer: for (const message of body.messages) {
      const content = (message as { content?: unknown } | null)?.content;
      if (!Array.isArray(content)) continue;
      for (const part of content) {
        if ((part as { type?: unknown } | null)?.type === 'image_url') {
          hasImages = true;
          break outer;
        }
      }
    }
  }
  const cap = body.max_completion_tokens ?? body.max_tokens;
  return { hasTools: Array.isArray(tools) && tools.length > 0, hasImages, maxOutputTokens: typeof cap === 'number' && cap > 0 ? cap : undefined };
}

const BODY_READERS: Partial<Record<ClientFormatName, (body: Record<string, unknown>) => BodyFacts>> = {
  'openai-chat': readOpenAIChatFacts,
};

function partsHaveImages(parts: readonly Part[]): boolean {
  return parts.some((p) => p.type === 'image' || (p.type === 'tool_result' && p.content.some((c) => c.type === 'image')));
}

export function readCanonicalFacts(request: CanonicalRequest): BodyFacts {
  return {
    hasTools: (request.tools?.length ?? 0) > 0,
    hasImages: request.messages.some((m) => partsHaveImages(m.parts)),
    maxOutputTokens: request.maxTokens,
  };
}

export interface FactsInput {
  format: ClientFormatName;
  request: CanonicalRequest;
  body: Record<string, unknown>;
  bodyBytes: number;
  client: string | null;
  headers: Record<string, string | string[] | undefined>;
}

export function describeRequest(input: FactsInput): RequestFacts {
  const canonical = readCanonicalFacts(input.request);
  const reader = BODY_READERS[input.format];
  const raw = reader ? reader(input.body) : undefined;
  return {
    estimatedPromptTokens: estimatePromptTokens(input.bodyBytes),
    maxOutputTokens: canonical.maxOutputTokens ?? raw?.maxOutputTokens,
    hasTools: canonical.hasTools || (raw?.hasTools ?? false),
    hasImages: canonical.hasImages || (raw?.hasImages ?? false),
    client: input.client,
    model: input.request.model,
    headers: input.headers,
  };
}
