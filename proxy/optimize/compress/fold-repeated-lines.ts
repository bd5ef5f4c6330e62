// Runs of identical lines keep one copy and a count.

import { foldNote, indentOf, plural } from './fold-note';

const MIN_RUN = 3;

export function foldRepeatedLines(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i + 1;
    while (j < lines.length && lines[j] === lines[i]) j++;
    const run = j - i;
    if (run >= MIN_RUN && lines[i].trim() !== '') {
      out.push(lines[i], foldNote(`line above repeated ${plural(run - 1, 'more time')}`, indentOf(lines[i])));
    } else {
      for (let k = i; k < j; k++) out.push(lines[k]);
    }
    i = j;
  }
  return out;
}
