// Agents resend the whole conversation every turn, so the same tool outputs come back again and
// again. Compression is deterministic, so a bounded memo of recent results makes those repeats
// nearly free on the request path. Least recently used entries go first.

import type { CompressResult } from './compress-tool-output';

export interface ToolOutputCache {
  get(key: string): CompressResult | undefined;
  set(key: string, result: CompressResult): void;
  /** Characters held (inputs plus outputs). */
  readonly size: number;
}

const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

export function cacheKey(text: string, context: { command?: string; toolName?: string }, minChars: number): string {
  return `${minChars}\u0000${context.toolName ?? ''}\u0000${context.command ?? ''}\u0000${text}`;
}

export function createToolOutputCache(maxChars: number = DEFAULT_MAX_CHARS): ToolOutputCache {
  const entries = new Map<string, CompressResult>();
  let size = 0;
  const weigh = (key: string, result: CompressResult) => key.length + (result.changed ? result.text.length : 0);
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit) {
        // Re-insert so Map order tracks recency.
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, result) {
      const weight = weigh(key, result);
      if (weight > maxChars) return;
      const old = entries.get(key);
      if (old) {
        size -= weigh(key, old);
        entries.delete(key);
      }
      entries.set(key, result);
      size += weight;
      for (const [oldest, value] of entries) {
        if (size <= maxChars) break;
        entries.delete(oldest);
        size -= weigh(oldest, value);
      }
    },
    get size() {
      return size;
    },
  };
}
