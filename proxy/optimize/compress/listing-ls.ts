// ls -l: when every entry has the same owner and group, they are said once instead of on each line.
// Permissions, link counts, sizes, dates and names all stay.

import { foldNote } from './fold-note';

const LONG_ENTRY = /^([-dlcbpsDw?][-rwxsStTl?]{9}[.+@]?)(\s+\d+)\s+(\S+)\s+(\S+)(\s+.*)$/;

export function reduceLsLong(lines: string[]): string[] {
  let owner: string | null = null;
  let entries = 0;
  for (const line of lines) {
    const m = LONG_ENTRY.exec(line);
    if (!m) continue;
    const pair = `${m[3]} ${m[4]}`;
    if (owner === null) owner = pair;
    else if (owner !== pair) return lines;
    entries++;
  }
  if (owner === null || entries < 5) return lines;
  const out = lines.map((line) => {
    const m = LONG_ENTRY.exec(line);
    return m ? `${m[1]}${m[2]}${m[5]}` : line;
  });
  const [user, group] = owner.split(' ');
  out.unshift(foldNote(`owner ${user}, group ${group} on every entry below; columns omitted`));
  return out;
}
