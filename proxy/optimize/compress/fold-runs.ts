// Shared by the test-runner reducers: fold each run of consecutive lines that a predicate picks
// (passing tests, boring progress) into one note line with their count.

import { foldNote, indentOf } from './fold-note';

/** Folds runs of at least `minRun` lines matching `pick`; `describe` words the note from the count. */
export function foldRuns(lines: string[], pick: (line: string) => boolean, describe: (count: number) => string, minRun = 2): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!pick(lines[i])) {
      out.push(lines[i]);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && pick(lines[j])) j++;
    if (j - i >= minRun) out.push(foldNote(describe(j - i), indentOf(lines[i])));
    else for (let k = i; k < j; k++) out.push(lines[k]);
    i = j;
  }
  return out;
}
