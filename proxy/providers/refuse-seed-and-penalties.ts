// For wires with no seed and no repetition penalties (Anthropic Messages, Bedrock Converse): a
// request that asks for them is refused by name, never sent without them, since either changes
// the answer.

import { GatewayError } from '../errors';
import type { CanonicalRequest } from '../formats/canonical';

/** The settings by the names clients send them under (OpenAI's; Gemini's differ only in case). */
const FIELDS = [['seed', 'seed'], ['presencePenalty', 'presence_penalty'], ['frequencyPenalty', 'frequency_penalty']] as const;

export function refuseSeedAndPenalties(request: CanonicalRequest, target: string): void {
  const asked = FIELDS.filter(([key]) => request[key] !== undefined).map(([, name]) => `'${name}'`);
  if (asked.length === 0) return;
  throw new GatewayError('unsupported', `${asked.join(', ')} cannot be translated for ${target}, which has no such setting`);
}
