// `cargo test`: `test x ... ok` lines are folded by count, compile progress goes through the cargo
// reducer; FAILED/ignored tests, panics with left/right values and locations, and `test result:`
// lines stay.

import { plural } from './fold-note';
import { foldRuns } from './fold-runs';
import { reduceCargoProgress } from './compiler-rust';

const PASSED = /^test \S.* \.\.\. ok$/;

export function reduceCargoTest(lines: string[]): string[] {
  return foldRuns(reduceCargoProgress(lines), (l) => PASSED.test(l), (n) => `${plural(n, 'passed test')} folded`);
}
