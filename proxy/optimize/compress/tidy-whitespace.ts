// Trailing spaces and runs of blank lines carry nothing for the model.

/** The line without trailing spaces and tabs (a scan, not a regex: `/[ \t]+$/` is quadratic on long runs). */
function trimTrailing(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

export function tidyWhitespace(lines: string[]): string[] {
  const out: string[] = [];
  let blank = false;
  for (const raw of lines) {
    const line = trimTrailing(raw);
    if (line === '') {
      if (blank) continue;
      blank = true;
    } else {
      blank = false;
    }
    out.push(line);
  }
  return out;
}
