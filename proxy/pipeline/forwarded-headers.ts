// Client headers that carry API semantics and must reach a same-format upstream.

import type { IncomingMessage } from 'node:http';
import type { ClientFormatName } from '../formats/canonical';

const FORWARDED: Record<ClientFormatName, readonly string[]> = {
  'openai-chat': [],
  'openai-responses': [],
  anthropic: ['anthropic-version', 'anthropic-beta'],
  gemini: [],
};

export function forwardedClientHeaders(req: IncomingMessage, format: ClientFormatName): Record<string, string> {
  const names = FORWARDED[format];
  if (names.length === 0) return {};
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = req.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
