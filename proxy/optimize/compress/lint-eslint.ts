// ESLint (stylish): within each file, a problem reported at several places (same severity, message
// and rule) is printed once with all its line:column positions. Files, positions, messages, rules
// and the problem counts all stay.

const PROBLEM = /^\s+(\d+:\d+)\s+(error|warning)\s+(.+?)\s{2,}(\S+)$/;
const MIN_GROUP = 2;
/** Longer lines are not stylish problems; the lazy message match is quadratic on them. */
const MAX_LINE = 1000;

function matchProblem(line: string): RegExpExecArray | null {
  return line.length <= MAX_LINE ? PROBLEM.exec(line) : null;
}

export function reduceEslint(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!matchProblem(lines[i])) {
      out.push(lines[i]);
      i++;
      continue;
    }
    // One file's block of problems.
    let j = i;
    while (j < lines.length && matchProblem(lines[j])) j++;
    const groups = new Map<string, string[]>();
    for (let k = i; k < j; k++) {
      const m = matchProblem(lines[k]);
      if (!m) continue;
      const key = `${m[2]}  ${m[3]}  ${m[4]}`;
      groups.set(key, [...(groups.get(key) ?? []), m[1]]);
    }
    const printed = new Set<string>();
    for (let k = i; k < j; k++) {
      const m = matchProblem(lines[k]);
      if (!m) continue;
      const key = `${m[2]}  ${m[3]}  ${m[4]}`;
      const positions = groups.get(key) ?? [];
      if (positions.length < MIN_GROUP) out.push(lines[k]);
      else if (!printed.has(key)) {
        printed.add(key);
        out.push(`  ${key} — at ${positions.join(', ')}`);
      }
    }
    i = j;
  }
  return out;
}
