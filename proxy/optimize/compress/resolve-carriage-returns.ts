// Progress bars and spinners redraw one terminal line with `\r`. What a person finally saw is the
// last redraw laid over the earlier ones; that is what the model gets, with a count of the redraws.

import { foldNote, plural } from './fold-note';

const CRLF = /\r\n/g;

export function resolveCarriageReturns(text: string): string {
  if (text.indexOf('\r') === -1) return text;
  const normalized = text.replace(CRLF, '\n');
  if (normalized.indexOf('\r') === -1) return normalized;
  const out: string[] = [];
  for (const line of normalized.split('\n')) {
    if (line.indexOf('\r') === -1) {
      out.push(line);
      continue;
    }
    let screen = '';
    let redraws = 0;
    for (const segment of line.split('\r')) {
      if (segment === '') continue;
      redraws++;
      screen = segment.length >= screen.length ? segment : segment + screen.slice(segment.length);
    }
    out.push(screen.trimEnd());
    if (redraws > 2) out.push(foldNote(`${plural(redraws - 1, 'earlier redraw')} of the line above folded`));
  }
  return out.join('\n');
}
