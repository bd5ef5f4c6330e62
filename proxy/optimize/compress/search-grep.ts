// grep -n / rg / git grep: matches are grouped under their file (rg's --heading layout), so a long
// path is written once instead of on every line; every line number and matched line stays. Lines
// longer than a screen (minified bundles) keep their start and the text around the first matches
// of the searched pattern (whole when the pattern is unknown or not found in them).

import { plural } from './fold-note';

// Only `path:line:text`; `path-line-text` context lines are ambiguous with dashed file names.
const MATCH = /^([^:\s][^:]*?):(\d+):(.*)$/;
const SEPARATOR = /^--$/;
const LONG_LINE = 400;
const HEAD = 160;
const AROUND = 80;
const MAX_WINDOWS = 3;

/** Cuts a very long matched line down to its start and a window around each match. */
export function elideLongLine(text: string, pattern: RegExp | null): string {
  // Without the pattern, or when it cannot be found in the line, nothing shows where the match is:
  // the line stays whole rather than risk cutting the match out.
  if (text.length <= LONG_LINE || !pattern) return text;
  const windows: Array<[number, number]> = [[0, HEAD]];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m && windows.length <= MAX_WINDOWS; m = pattern.exec(text)) {
    if (m[0].length === 0) pattern.lastIndex++;
    windows.push([Math.max(0, m.index - AROUND), Math.min(text.length, m.index + m[0].length + AROUND)]);
  }
  if (windows.length === 1) return text;
  let out = '';
  let at = 0;
  for (const [from, to] of windows) {
    if (to <= at) continue;
    const start = Math.max(from, at);
    if (start > at) out += `[… ${plural(start - at, 'char')} elided]`;
    out += text.slice(start, to);
    at = to;
  }
  if (at < text.length) out += `[… ${plural(text.length - at, 'char')} elided]`;
  return out;
}

export function reduceGrep(lines: string[], pattern: RegExp | null): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const m = MATCH.exec(lines[i]);
    if (!m) {
      out.push(SEPARATOR.test(lines[i]) ? lines[i] : elideLongLine(lines[i], pattern));
      i++;
      continue;
    }
    const path = m[1];
    let j = i + 1;
    while (j < lines.length && (MATCH.exec(lines[j])?.[1] === path || (SEPARATOR.test(lines[j]) && MATCH.exec(lines[j + 1] ?? '')?.[1] === path))) j++;
    if (j - i < 2) {
      out.push(`${m[1]}:${m[2]}:${elideLongLine(m[3], pattern)}`);
      i++;
      continue;
    }
    out.push(path);
    for (let k = i; k < j; k++) {
      if (SEPARATOR.test(lines[k])) {
        out.push(lines[k]);
        continue;
      }
      const line = MATCH.exec(lines[k]);
      if (line) out.push(`${line[2]}:${elideLongLine(line[3], pattern)}`);
    }
    i = j;
  }
  return out;
}
