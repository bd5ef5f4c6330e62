// `go test -v`: `=== RUN` lines that only announce a test go (those followed by the test's own log
// lines stay), runs of `--- PASS` lines are folded by count; FAIL lines, log output with file:line,
// and per-package ok/FAIL lines stay.

import { foldNote, plural } from './fold-note';
import { foldRuns } from './fold-runs';

const RUN = /^=== (?:RUN|PAUSE|CONT|NAME)\s/;
const RESULT = /^\s*--- (?:PASS|FAIL|SKIP): /;
const PASSED = /^\s*--- PASS: /;

export function reduceGoTest(lines: string[]): string[] {
  const kept: string[] = [];
  let dropped = 0;
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (RUN.test(lines[i]) && (next === undefined || RUN.test(next) || RESULT.test(next))) {
      dropped++;
      continue;
    }
    kept.push(lines[i]);
  }
  const out = foldRuns(kept, (l) => PASSED.test(l), (n) => `${plural(n, 'passing test')} folded`);
  if (dropped > 0) out.push(foldNote(`${plural(dropped, '=== RUN/PAUSE/CONT line')} without output dropped`));
  return out;
}
