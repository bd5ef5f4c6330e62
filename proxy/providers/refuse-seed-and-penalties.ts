// For wires with no seed and no repetition penalties (Anthropic Messages, Bedrock Converse): a
// request that asks for them is refused by name, never sent without them, since either changes
// the answer.

import { GatewayError } from '../errors';
import type { CanonicalRequest } from '../formats/canonical';
import { OPENAI_CHAT_SETTING_NAMES, type SettingNames } from '../formats/setting-names';

const FIELDS = ['seed', 'presencePenalty', 'frequencyPenalty'] as const;

/** `names`: how the client's API spells these settings, so the refusal names what it sent. */
export function refuseSeedAndPenalties(request: CanonicalRequest, target: string, names: SettingNames = OPENAI_CHAT_SETTING_NAMES): void {
  const asked = FIELDS.filter((key) => request[key] !== undefined).map((key) => `'${names[key]}'`);
  if (asked.length === 0) return;
  throw new GatewayError('unsupported', `${asked.join(', ')} cannot be translated for ${target}, which has no such setting`);
}
