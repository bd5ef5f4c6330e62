// Presence and frequency penalties as client bodies carry them. OpenAI and Gemini both document
// -2..2 (platform.openai.com/docs/api-reference/chat/create, ai.google.dev/api/generate-content),
// and both treat 0 as no penalty at all.

import { optionalNumber } from './openai-chat/json-fields';

const PENALTY_RANGE = { min: -2, max: 2 } as const;

/** A penalty validated against the documented range; 0, the default, is left out as a no-op. */
export function readPenalty(value: unknown, path: string): number | undefined {
  const penalty = optionalNumber(value, path, PENALTY_RANGE);
  return penalty === 0 ? undefined : penalty;
}
