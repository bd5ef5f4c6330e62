// Vitest: passing files (`✓ file (12 tests) 5ms`) and passing tests are folded by count; every
// failing file, ×/❯ test, assertion diff, code frame and the summary stay.

import { foldNote, plural } from './fold-note';
import { foldRuns } from './fold-runs';

const PASSED_FILE = /^ [✓√] \S.*\((\d+) tests?\)/;
const PASSED_TEST = /^\s{2,}[✓√] /;

function foldPassedFiles(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    let tests = 0;
    for (let m = PASSED_FILE.exec(lines[j] ?? ''); m; m = PASSED_FILE.exec(lines[j] ?? '')) {
      tests += Number(m[1]);
      j++;
    }
    if (j - i >= 2) {
      out.push(foldNote(`${plural(j - i, 'passing test file')} (${plural(tests, 'test')}) folded`, ' '));
      i = j;
    } else {
      out.push(lines[i]);
      i++;
    }
  }
  return out;
}

export function reduceVitest(lines: string[]): string[] {
  return foldRuns(foldPassedFiles(lines), (l) => PASSED_TEST.test(l), (n) => `${plural(n, 'passing test')} folded`);
}
