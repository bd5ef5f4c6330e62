// Python unittest (`-v`): `test_x (module.Class.test_x) ... ok` lines are folded by count; failures,
// errors, tracebacks and the `Ran N tests` summary stay.

import { plural } from './fold-note';
import { foldRuns } from './fold-runs';

const PASSED = /^\S.* \.\.\. ok$/;

export function reduceUnittest(lines: string[]): string[] {
  return foldRuns(lines, (l) => PASSED.test(l), (n) => `${plural(n, 'passing test')} folded`);
}
