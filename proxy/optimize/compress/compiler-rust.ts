// rustc / cargo build, check, clippy: the diagnostics are already dense and all stay; runs of
// `Compiling`/`Checking`/`Downloaded` progress lines are folded by count.

import { plural } from './fold-note';
import { foldRuns } from './fold-runs';

const PROGRESS = /^\s*(?:Compiling|Checking|Downloaded|Downloading|Fresh|Blocking|Updating|Locking|Adding|Documenting) \S+/;

export function reduceCargoProgress(lines: string[]): string[] {
  return foldRuns(lines, (l) => PROGRESS.test(l), (n) => `${plural(n, 'cargo progress line')} (Compiling/Checking/Downloaded …) folded`, 3);
}

export function reduceRust(lines: string[]): string[] {
  return reduceCargoProgress(lines);
}
