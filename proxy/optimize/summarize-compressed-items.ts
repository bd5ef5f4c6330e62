// The evidence a compression saving keeps about what it compressed: totals, and the first outputs
// by call id and command. Both strings are the client's to choose, so each is cut short: the
// evidence is stored with every saving, listed by GET /api/ledger and read back by the advisor.

import type { CompressedItem } from './compress/compress-tool-results';

const MAX_LISTED = 20;
const MAX_COMMAND_CHARS = 200;
const MAX_CALL_ID_CHARS = 100;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function summarizeCompressedItems(items: readonly CompressedItem[]): Record<string, unknown> {
  const changed = items.filter((i) => i.afterChars < i.beforeChars);
  return {
    outputs: changed.length,
    beforeChars: changed.reduce((n, i) => n + i.beforeChars, 0),
    afterChars: changed.reduce((n, i) => n + i.afterChars, 0),
    commands: changed.slice(0, MAX_LISTED).map((i) => ({
      callId: cut(i.callId, MAX_CALL_ID_CHARS),
      command: i.command === undefined ? null : cut(i.command, MAX_COMMAND_CHARS),
      family: i.family,
      beforeChars: i.beforeChars,
      afterChars: i.afterChars,
    })),
  };
}
