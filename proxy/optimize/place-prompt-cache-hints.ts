// Prompt-cache hints the client did not give. Anthropic caches a prefix only up to a
// `cache_control` breakpoint (at most 4 per request:
// https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching), so breakpoints go on the
// stable prefix: the end of the system prompt (which covers the tools before it) and the end of
// the previous turn, plus the end of the newest turn once a conversation is under way, so the next
// turn can read it. OpenAI caches automatically; a stable `prompt_cache_key` per client and
// conversation keeps requests that share a prefix on the same cache
// (https://platform.openai.com/docs/guides/prompt-caching).

import { createHash } from 'node:crypto';
import type { CanonicalRequest, Message, Part, TextPart } from '../formats/canonical';

export const MAX_ANTHROPIC_BREAKPOINTS = 4;

/** Whether the client already placed its own breakpoints (then we add none). */
export function hasClientCacheHints(request: CanonicalRequest): boolean {
  if (request.system?.some((p) => p.cache) || request.tools?.some((t) => t.cache)) return true;
  for (const message of request.messages) {
    for (const part of message.parts) if ('cache' in part && part.cache) return true;
  }
  return false;
}

function cacheable(part: Part): boolean {
  if (part.type === 'text') return part.text !== '';
  return part.type === 'image' || part.type === 'tool_result';
}

/** Marks the last cacheable part of a message; undefined when it has none. */
function markMessage(message: Message): Message | undefined {
  for (let i = message.parts.length - 1; i >= 0; i--) {
    const part = message.parts[i]!;
    if (!cacheable(part)) continue;
    const parts = message.parts.slice();
    parts[i] = { ...part, cache: true } as Part;
    return { ...message, parts };
  }
  return undefined;
}

/** The request with breakpoints on its stable prefix, and how many were placed (0: unchanged). */
export function placeAnthropicBreakpoints(request: CanonicalRequest): { request: CanonicalRequest; placed: number } {
  if (hasClientCacheHints(request)) return { request, placed: 0 };
  let placed = 0;
  let system = request.system;
  const lastSystem = system ? system.length - 1 : -1;
  if (system && lastSystem >= 0 && system[lastSystem]!.text !== '') {
    system = system.slice();
    system[lastSystem] = { ...(system[lastSystem] as TextPart), cache: true };
    placed++;
  }
  const messages = request.messages.slice();
  const last = messages.length - 1;
  // The previous turn ends with the user message before the newest one.
  let previousUser = -1;
  for (let i = last - 1; i >= 0; i--) {
    if (messages[i]!.role === 'user') {
      previousUser = i;
      break;
    }
  }
  for (const index of previousUser >= 0 ? [previousUser, last] : []) {
    if (placed >= MAX_ANTHROPIC_BREAKPOINTS) break;
    const marked = markMessage(messages[index]!);
    if (!marked) continue;
    messages[index] = marked;
    placed++;
  }
  if (placed === 0) return { request, placed: 0 };
  return { request: { ...request, ...(system ? { system } : {}), messages }, placed };
}

/**
 * One key per client and conversation: the conversation is known by what stays fixed across its
 * turns — the system prompt, the tool names and the first message.
 */
export function promptCacheKey(client: string | null, request: CanonicalRequest): string {
  const hash = createHash('sha256').update(client ?? '').update('\n');
  for (const part of request.system ?? []) hash.update(part.text);
  hash.update('\n');
  for (const tool of request.tools ?? []) hash.update(tool.name).update(',');
  hash.update('\n');
  const first = request.messages[0];
  if (first) for (const part of first.parts) if (part.type === 'text') hash.update(part.text);
  return 'sy-' + hash.digest('hex').slice(0, 32);
}
