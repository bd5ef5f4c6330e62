// Jest: suites that passed whole become one line each (`[PASS src/a.test.ts: 12 passing tests]`),
// passing tests inside failing suites are folded by count; every ✕ line, `●` failure block,
// expected/received value, code frame and summary stays.

import { foldNote, plural } from './fold-note';
import { foldRuns } from './fold-runs';

const SUITE = /^ (PASS|FAIL) {1,2}(\S.*?)(?: \(\d[\d.]* m?s\))?$/;
const PASSED_TEST = /^\s+[✓√] /;
const DESCRIBE = /^\s+[^\s✓√✕×○●]/;
const SUMMARY = /^(Test Suites|Tests|Snapshots|Time|Ran all test suites)\b/;

function isBlockEnd(line: string): boolean {
  return SUITE.test(line) || SUMMARY.test(line);
}

export function reduceJest(lines: string[]): string[] {
  const out: string[] = [];
  // Bare ` PASS  file` lines of the default reporter, held until we know how many follow each other.
  let pendingPasses: string[] = [];
  const flushPasses = () => {
    if (pendingPasses.length > 1) out.push(foldNote(`${pendingPasses.length} passing test files folded`));
    else out.push(...pendingPasses);
    pendingPasses = [];
  };
  const foldPassed = (body: string[]) => foldRuns(body, (l) => PASSED_TEST.test(l), (n) => `${plural(n, 'passing test')} folded`);
  let i = 0;
  while (i < lines.length) {
    const suite = SUITE.exec(lines[i]);
    if (!suite) {
      flushPasses();
      out.push(lines[i]);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !isBlockEnd(lines[j])) j++;
    const body = lines.slice(i + 1, j);
    const passedTests = body.filter((l) => PASSED_TEST.test(l)).length;
    const onlyPasses = body.every((l) => l.trim() === '' || PASSED_TEST.test(l) || (DESCRIBE.test(l) && !l.includes('●')));
    if (suite[1] === 'PASS' && onlyPasses && passedTests === 0) {
      pendingPasses.push(lines[i]);
    } else if (suite[1] === 'PASS' && onlyPasses) {
      flushPasses();
      out.push(foldNote(`PASS ${suite[2]}: ${plural(passedTests, 'passing test')} folded`));
    } else {
      flushPasses();
      out.push(lines[i], ...foldPassed(body));
    }
    i = j;
  }
  flushPasses();
  return out;
}
