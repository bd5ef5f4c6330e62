// Answers kept in memory for exact repeats of a request: bounded by bytes (least recently used go
// first) and by age. Entries hold canonical responses, so any client format can replay them.

import type { CanonicalResponse } from '../formats/canonical';

export interface CachedAnswer {
  response: CanonicalResponse;
  /** The `<provider id>/<model>` that produced it. */
  target: string;
  /** The original request and its recorded cost: what a hit saves. */
  requestId: string;
  costUsd: number | null;
  storedAt: number;
}

interface Slot {
  answer: CachedAnswer;
  bytes: number;
  expiresAt: number;
}

export interface ResponseCacheOptions {
  maxBytes: number;
  ttlMs: number;
  now?: () => number;
}

export class ResponseCache {
  /** A Map iterates in insertion order: re-inserting on a hit keeps the least recent first. */
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;
  private maxBytes: number;
  private ttlMs: number;
  private readonly now: () => number;

  constructor(options: ResponseCacheOptions) {
    this.maxBytes = options.maxBytes;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.slots.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** New limits from a config reload; shrinking evicts at once. */
  configure(maxBytes: number, ttlMs: number): void {
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
    this.evict();
  }

  get(key: string): CachedAnswer | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    if (slot.expiresAt <= this.now()) {
      this.bytes -= slot.bytes;
      return undefined;
    }
    this.slots.set(key, slot);
    return slot.answer;
  }

  set(key: string, answer: CachedAnswer): void {
    const bytes = sizeOf(key, answer);
    if (bytes > this.maxBytes) return;
    const old = this.slots.get(key);
    if (old) {
      this.slots.delete(key);
      this.bytes -= old.bytes;
    }
    this.slots.set(key, { answer, bytes, expiresAt: this.now() + this.ttlMs });
    this.bytes += bytes;
    this.evict();
  }

  private evict(): void {
    for (const [key, slot] of this.slots) {
      if (this.bytes <= this.maxBytes) break;
      this.slots.delete(key);
      this.bytes -= slot.bytes;
    }
  }
}

/** UTF-16 string lengths × 2 approximates the heap the entry holds; the JSON walk runs once per store. */
function sizeOf(key: string, answer: CachedAnswer): number {
  return 2 * (key.length + JSON.stringify(answer.response).length + answer.target.length + answer.requestId.length) + 64;
}
