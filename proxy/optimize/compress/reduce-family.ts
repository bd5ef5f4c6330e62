// Which reducer and which generic steps each family gets. Generic steps are chosen per family:
// a diff's trailing spaces and repeated lines are content, a progress line in pytest is not a bar.

import type { Family } from './detect-family';
import { reduceGitStatus } from './git-status';
import { reduceGitLog } from './git-log';
import { reduceGitDiff } from './git-diff';
import { reduceGitBlame } from './git-blame';
import { reduceJest } from './test-runner-jest';
import { reduceVitest } from './test-runner-vitest';
import { reduceMocha } from './test-runner-mocha';
import { reduceNodeSpec, reduceNodeTap } from './test-runner-node';
import { reducePytest } from './test-runner-pytest';
import { reduceUnittest } from './test-runner-unittest';
import { reduceGoTest } from './test-runner-go';
import { reduceCargoTest } from './test-runner-cargo';
import { reduceTsc } from './compiler-tsc';
import { reduceRust } from './compiler-rust';
import { reduceNpm } from './package-npm';
import { reducePip } from './package-pip';
import { reduceGrep } from './search-grep';
import { reducePathList } from './listing-paths';
import { reduceLsLong } from './listing-ls';
import { flattenTreeGlyphs } from './flatten-tree-glyphs';
import { reduceLogLines } from './log-lines';
import { reduceApt } from './package-apt';
import { reduceEslint } from './lint-eslint';

export interface ReduceOptions {
  /** The searched pattern, for grep-like output. */
  pattern: RegExp | null;
}

export interface FamilyPlan {
  /** The family's own reducer over lines; absent for families handled by generic steps only. */
  reduce?: (lines: string[], options: ReduceOptions) => string[];
  /** Resolve `\r` redraws (never for diffs, where `\r` may be a CRLF file's content). */
  carriageReturns: boolean;
  progress: boolean;
  stackFrames: boolean;
  repeats: boolean;
  whitespace: boolean;
}

const TAP = /^TAP version 1[34]$/m;

const base: FamilyPlan = { carriageReturns: true, progress: false, stackFrames: true, repeats: true, whitespace: true };
const verbatim: FamilyPlan = { carriageReturns: false, progress: false, stackFrames: false, repeats: false, whitespace: false };

export const FAMILY_PLANS: Record<Family, FamilyPlan> = {
  'git-status': { ...base, stackFrames: false, reduce: reduceGitStatus },
  'git-log': { ...verbatim, reduce: reduceGitLog },
  'git-diff': { ...verbatim, reduce: reduceGitDiff },
  'git-blame': { ...verbatim, reduce: reduceGitBlame },
  'test-jest': { ...base, reduce: reduceJest },
  'test-vitest': { ...base, reduce: reduceVitest },
  'test-mocha': { ...base, reduce: reduceMocha },
  'test-node': { ...base, reduce: (lines) => (TAP.test(lines.slice(0, 5).join('\n')) ? reduceNodeTap(lines) : reduceNodeSpec(lines)) },
  'test-pytest': { ...base, reduce: reducePytest },
  'test-unittest': { ...base, reduce: reduceUnittest },
  'test-go': { ...base, reduce: reduceGoTest },
  'test-cargo': { ...base, reduce: reduceCargoTest },
  'compiler-tsc': { ...base, reduce: reduceTsc },
  'compiler-gcc': { ...base },
  'compiler-rust': { ...base, progress: true, reduce: reduceRust },
  'lint-eslint': { ...base, reduce: reduceEslint },
  'package-npm': { ...base, progress: true, reduce: reduceNpm },
  'package-pip': { ...base, progress: true, reduce: reducePip },
  search: { ...base, stackFrames: false, repeats: false, reduce: (lines, options) => reduceGrep(lines, options.pattern) },
  'listing-paths': { ...base, stackFrames: false, repeats: false, reduce: reducePathList },
  'listing-ls': { ...base, stackFrames: false, repeats: false, reduce: reduceLsLong },
  'listing-tree': { ...base, stackFrames: false, repeats: false, reduce: (lines) => flattenTreeGlyphs(lines) ?? lines },
  'package-apt': { ...base, progress: true, reduce: reduceApt },
  logs: { ...base, progress: true, reduce: (lines) => reduceApt(reduceLogLines(lines)) },
  json: { ...verbatim },
  generic: { ...base, progress: true },
};
