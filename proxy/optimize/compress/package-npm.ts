// npm, pnpm, yarn: successful registry fetches and timing lines are folded by count; `npm ls` trees
// lose their box-drawing glyphs (depth kept as indentation). Warnings, errors, deprecations,
// UNMET/invalid/extraneous markers, "added N packages" and audit summaries stay.

import { plural } from './fold-note';
import { foldRuns } from './fold-runs';
import { flattenTreeGlyphs } from './flatten-tree-glyphs';

const BORING = /^npm (?:http fetch (?:GET|POST|HEAD) [23]\d\d |http cache \S+ \d+ms \(cache (?:hit|miss|updated|revalidated|stale)\)$|timing |sill |verb )/;

export function reduceNpm(lines: string[]): string[] {
  const folded = foldRuns(lines, (l) => BORING.test(l), (n) => `${plural(n, 'npm http/timing log line')} (successful fetches and cache reads) folded`);
  return flattenTreeGlyphs(folded) ?? folded;
}
