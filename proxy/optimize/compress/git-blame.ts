// `git blame`: consecutive lines from the same commit share one header (hash, author, date); each
// line keeps its number and its code.

const BLAME = /^(\^?[0-9a-f]{7,40})( \S+)? \((.+?) +(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}) +(\d+)\) ?(.*)$/;

export function reduceGitBlame(lines: string[]): string[] {
  const out: string[] = [];
  let previous = '';
  let matched = 0;
  for (const line of lines) {
    const m = BLAME.exec(line);
    if (!m) {
      out.push(line);
      previous = '';
      continue;
    }
    matched++;
    const header = `${m[1]}${m[2] ?? ''} ${m[3]} ${m[4]}`;
    if (header !== previous) out.push(`── ${header}`);
    previous = header;
    out.push(`${m[5]}) ${m[6]}`);
  }
  return matched === 0 ? lines : out;
}
