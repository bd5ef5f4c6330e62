// Gemini function calls usually come without ids, but every canonical tool call needs one that is
// unique across the conversation (clients echo it back; Anthropic requires unique tool_use ids).

import { createHash } from 'node:crypto';

/** A short id base from the response id, or from a hash of the body when Gemini gave none. */
export function callIdBase(responseId: string | undefined, fallbackSeed: string): string {
  const clean = responseId?.replace(/[^A-Za-z0-9_-]/g, '');
  if (clean) return clean;
  return createHash('sha256').update(fallbackSeed).digest('hex').slice(0, 16);
}

export function synthesizeCallId(base: string, index: number): string {
  return `call_${base}_${index}`;
}
