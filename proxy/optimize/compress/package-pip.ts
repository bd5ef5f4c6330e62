// pip: repeated "Retrying (Retry(total=…))" warnings for the same URL keep their first line and a
// count; "Requirement already satisfied" runs are folded to the package names. Collecting,
// Processing, errors and "Successfully installed" stay.

import { foldNote, plural } from './fold-note';

const RETRY = /^WARNING: Retrying \(Retry\(total=\d+[^\n]{0,400}?\)\) after connection broken by [^\n]{0,2000}': (\S+)$/;
const SATISFIED = /^Requirement already satisfied: (\S+)(?: in (\S+))?(?: \(from [^)]*\))?(?: \(([^)]*)\))?$/;

export function reducePip(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const retry = RETRY.exec(lines[i]);
    if (retry) {
      let j = i + 1;
      while (j < lines.length && RETRY.exec(lines[j])?.[1] === retry[1]) j++;
      out.push(lines[i]);
      if (j - i > 1) out.push(foldNote(`${plural(j - i - 1, 'more retry', 'more retries')} for ${retry[1]} folded`));
      i = j;
      continue;
    }
    const satisfied = SATISFIED.exec(lines[i]);
    if (satisfied) {
      const names: string[] = [];
      const places = new Set<string>();
      let j = i;
      for (let m: RegExpExecArray | null = satisfied; m; m = SATISFIED.exec(lines[++j] ?? '')) {
        names.push(m[3] ? `${m[1]} (${m[3]})` : m[1]);
        if (m[2]) places.add(m[2]);
      }
      if (j - i >= 3 && places.size <= 1) {
        out.push(`Requirement already satisfied (${j - i}${places.size === 1 ? ` in ${[...places][0]}` : ''}): ${names.join(', ')}`);
        i = j;
        continue;
      }
    }
    out.push(lines[i]);
    i++;
  }
  return out;
}
