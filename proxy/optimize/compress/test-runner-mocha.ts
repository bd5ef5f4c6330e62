// Mocha (spec reporter): passing tests under each suite are folded by count; pending and numbered
// failing tests, the failure details and the passing/pending/failing summary stay.

import { plural } from './fold-note';
import { foldRuns } from './fold-runs';

const PASSED_TEST = /^\s+[✔✓√] /;

export function reduceMocha(lines: string[]): string[] {
  return foldRuns(lines, (l) => PASSED_TEST.test(l), (n) => `${plural(n, 'passing test')} folded`);
}
