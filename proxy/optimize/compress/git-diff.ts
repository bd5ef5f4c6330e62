// Unified diffs (`git diff`, `git show`, `git log -p`): every changed line, file path and hunk header
// stays. Unchanged context is trimmed to the line next to each change, blob `index` lines and
// `---`/`+++` headers that repeat the `diff --git` paths go, and whole-file deletions, lockfiles and
// minified bundles become one line saying how many lines were folded.

import { foldNote, plural } from './fold-note';

const DIFF_START = /^diff --git a\/(.+) b\/(.+)$/;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const INDEX = /^index [0-9a-f]+\.\.[0-9a-f]+/;
const GENERATED = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|go\.sum)$|\.min\.(?:js|css)$|\.map$/;
/** Context lines kept next to each change. */
const KEEP = 1;

interface FileState {
  path: string;
  deleted: boolean;
  generated: boolean;
}

function trimContext(hunk: string[], out: string[]): void {
  let i = 0;
  while (i < hunk.length) {
    if (hunk[i][0] !== ' ' && hunk[i] !== '') {
      out.push(hunk[i]);
      i++;
      continue;
    }
    let j = i;
    while (j < hunk.length && (hunk[j][0] === ' ' || hunk[j] === '')) j++;
    const atStart = i === 0;
    const atEnd = j === hunk.length;
    const head = atStart ? 0 : KEEP;
    const tail = atEnd ? 0 : KEEP;
    const folded = j - i - head - tail;
    if (folded >= 2) {
      for (let k = i; k < i + head; k++) out.push(hunk[k]);
      out.push(foldNote(`${plural(folded, 'unchanged line')}`));
      for (let k = j - tail; k < j; k++) out.push(hunk[k]);
    } else {
      for (let k = i; k < j; k++) out.push(hunk[k]);
    }
    i = j;
  }
}

function foldWhole(hunk: string[], file: FileState, out: string[]): void {
  let added = 0;
  let removed = 0;
  for (const line of hunk) {
    if (line[0] === '+') added++;
    else if (line[0] === '-') removed++;
  }
  const what = file.deleted ? `deleted file: ${plural(removed, 'removed line')} folded` : `generated file: ${added} added, ${removed} removed lines folded`;
  out.push(foldNote(what));
}

/** Reduces every `diff --git` section in the lines; anything else passes through untouched. */
export function reduceGitDiff(lines: string[]): string[] {
  const out: string[] = [];
  let file: FileState | null = null;
  let inHeader = false;
  let dropped = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const start = DIFF_START.exec(line);
    if (start) {
      file = { path: start[2], deleted: false, generated: GENERATED.test(start[2]) };
      inHeader = true;
      out.push(line);
      i++;
      continue;
    }
    if (file && inHeader) {
      if (line.startsWith('deleted file mode')) file.deleted = true;
      if (INDEX.test(line)) {
        dropped++;
        i++;
        continue;
      }
      if (line.startsWith('--- ') || line.startsWith('+++ ')) {
        const path = line.slice(4);
        if (path === `a/${file.path}` || path === `b/${file.path}` || path === '/dev/null' || path.endsWith(`/${file.path}`)) {
          dropped++;
          i++;
          continue;
        }
      }
    }
    const hunk = file ? HUNK.exec(line) : null;
    if (hunk && file) {
      inHeader = false;
      out.push(line);
      let oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      let newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && (oldLeft > 0 || newLeft > 0 || lines[j].startsWith('\\'))) {
        const l = lines[j];
        const c = l[0];
        if (c === ' ' || l === '') { oldLeft--; newLeft--; }
        else if (c === '-') oldLeft--;
        else if (c === '+') newLeft--;
        else if (c !== '\\') break;
        body.push(l);
        j++;
      }
      if (file.deleted || file.generated) foldWhole(body, file, out);
      else trimContext(body, out);
      i = j;
      continue;
    }
    if (file && !inHeader && !line.startsWith('@@')) file = null;
    out.push(line);
    i++;
  }
  if (dropped > 0) out.unshift(foldNote(`diff condensed: ${plural(dropped, 'index/---/+++ header line')} dropped, unchanged context trimmed to ${KEEP} line around changes`));
  return out;
}
