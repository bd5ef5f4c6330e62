// Request-level pass: shrinks the text of every tool result in a canonical request, using the
// matching earlier tool call to learn which command produced it. Returns a new request; the one
// passed in is never mutated, and nothing but tool-result text is touched.

import type { CanonicalRequest, Message, Part, TextPart, ToolCallPart, ToolResultPart } from '../../formats/canonical';
import { compressToolOutput, type CompressResult } from './compress-tool-output';
import { readToolCall } from './read-tool-call';
import { unwrapOutput } from './wrapped-output';
import { cacheKey, type ToolOutputCache } from './tool-output-cache';

export interface CompressToolResultsOptions {
  /** Outputs shorter than this many characters are left alone (default 400). */
  minChars?: number;
  /** Remembers results across requests (see createToolOutputCache); resent history is then free. */
  cache?: ToolOutputCache;
}

export interface CompressedItem {
  callId: string;
  command?: string;
  family: string;
  beforeChars: number;
  afterChars: number;
}

export const DEFAULT_MIN_CHARS = 400;

/** One output as the gateway forwards it: unchanged below `minChars`, compressed otherwise. */
export function compressForForwarding(text: string, context: { command?: string; toolName?: string }, minChars = DEFAULT_MIN_CHARS): CompressResult {
  if (text.length < minChars) return { text, family: 'generic', reducer: 'below-min-chars', changed: false };
  const wrapped = unwrapOutput(text);
  if (wrapped) {
    const inner = compressToolOutput(wrapped.inner, context);
    if (!inner.changed) return { ...inner, text, changed: false };
    const rewrapped = wrapped.rewrap(inner.text);
    return rewrapped.length < text.length ? { ...inner, text: rewrapped, reducer: `json-wrapped+${inner.reducer}` } : { ...inner, text, changed: false };
  }
  return compressToolOutput(text, context);
}

export function compressToolResults(request: CanonicalRequest, options: CompressToolResultsOptions = {}): { request: CanonicalRequest; items: CompressedItem[] } {
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const calls = new Map<string, ToolCallPart>();
  const items: CompressedItem[] = [];
  let anyChanged = false;

  const compressResult = (part: ToolResultPart): ToolResultPart => {
    const info = readToolCall(calls.get(part.callId), part.name);
    let changed = false;
    const content = part.content.map((c) => {
      if (c.type !== 'text') return c;
      const key = options.cache && c.text.length >= minChars ? cacheKey(c.text, info, minChars) : null;
      let result = key ? options.cache?.get(key) : undefined;
      if (!result) {
        result = compressForForwarding(c.text, info, minChars);
        if (key) options.cache?.set(key, result);
      }
      if (c.text.length >= minChars) {
        items.push({ callId: part.callId, ...(info.command ? { command: info.command } : {}), family: result.family, beforeChars: c.text.length, afterChars: result.text.length });
      }
      if (!result.changed) return c;
      changed = true;
      const next: TextPart = { ...c, text: result.text };
      return next;
    });
    return changed ? { ...part, content } : part;
  };

  const messages = request.messages.map((message): Message => {
    if (message.role === 'assistant') {
      for (const part of message.parts) if (part.type === 'tool_call') calls.set(part.id, part);
      return message;
    }
    let changed = false;
    const parts = message.parts.map((part): Part => {
      if (part.type !== 'tool_result') return part;
      const next = compressResult(part);
      if (next !== part) changed = true;
      return next;
    });
    if (!changed) return message;
    anyChanged = true;
    return { ...message, parts };
  });
  return { request: anyChanged ? { ...request, messages } : request, items };
}
