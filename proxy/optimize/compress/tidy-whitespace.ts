// Trailing spaces and runs of blank lines carry nothing for the model.

const TRAILING = /[ \t]+$/;

export function tidyWhitespace(lines: string[]): string[] {
  const out: string[] = [];
  let blank = false;
  for (const raw of lines) {
    const line = raw.length && TRAILING.test(raw) ? raw.replace(TRAILING, '') : raw;
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
