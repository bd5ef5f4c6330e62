// ls -l: when every entry has the same owner and group, they are said once instead of on each line;
// likewise the modification time shared by most entries (say, everything `npm install` wrote),
// which then shows only on entries where it differs. Permissions, link counts, sizes, names and
// every other time stay.

import { foldNote } from './fold-note';

const LONG_ENTRY = /^([-dlcbpsDw?][-rwxsStTl?]{9}[.+@]?)(\s+\d+)\s+(\S+)\s+(\S+)(\s+\d+(?:,\s*\d+)?)\s+(\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d(?:\.\d+)?)?(?: [+-]\d{4})?|[A-Z][a-z]{2} [ \d]\d (?: \d{4}|\d\d:\d\d))( .*)$/;
const MIN_ENTRIES = 5;
const COMMON_TIME_SHARE = 0.8;

export function reduceLsLong(lines: string[]): string[] {
  let owner: string | null = null;
  const times = new Map<string, number>();
  let entries = 0;
  for (const line of lines) {
    const m = LONG_ENTRY.exec(line);
    if (!m) continue;
    const pair = `${m[3]} ${m[4]}`;
    if (owner === null) owner = pair;
    else if (owner !== pair) return lines;
    times.set(m[6], (times.get(m[6]) ?? 0) + 1);
    entries++;
  }
  if (owner === null || entries < MIN_ENTRIES) return lines;
  let commonTime: string | null = null;
  for (const [time, count] of times) if (count >= entries * COMMON_TIME_SHARE) commonTime = time;
  const out = lines.map((line) => {
    const m = LONG_ENTRY.exec(line);
    if (!m) return line;
    return m[6] === commonTime ? `${m[1]}${m[2]}${m[5]}${m[7]}` : `${m[1]}${m[2]}${m[5]} ${m[6]}${m[7]}`;
  });
  const [user, group] = owner.split(' ');
  const time = commonTime ? `, modified ${commonTime} unless another time is shown` : '';
  out.unshift(foldNote(`every entry below: owner ${user}, group ${group}${time}; those columns omitted`));
  return out;
}
