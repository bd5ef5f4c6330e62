// Logs: a timestamp equal (to the second) to the line above is replaced by indentation, keeping any
// sub-second part; consecutive lines with the same message keep the first and a count with the
// last timestamp. Every message and every distinct second stays.

import { foldNote, plural } from './fold-note';

const TIMESTAMP = /^(\[?)(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d)([.,]\d+)?(Z|[+-]\d\d:?\d\d)?(\]?)/;
const MIN_REPEAT = 3;
const LEADING_SPACE = /^\s+/;

export function hasTimestamp(line: string): boolean {
  return TIMESTAMP.test(line);
}

export function reduceLogLines(lines: string[]): string[] {
  const out: string[] = [];
  let previousSecond = '';
  let blanked = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const m = TIMESTAMP.exec(line);
    if (!m) {
      out.push(line);
      i++;
      continue;
    }
    const message = line.slice(m[0].length);
    let j = i + 1;
    let last = m;
    for (let next = TIMESTAMP.exec(lines[j] ?? ''); next && lines[j].slice(next[0].length) === message; next = TIMESTAMP.exec(lines[j] ?? '')) {
      last = next;
      j++;
    }
    const second = `${m[1]}${m[2]}${m[4] ?? ''}`;
    if (second === previousSecond) {
      out.push(`  ${m[3] ? `${m[3]} ` : ''}${message.replace(LEADING_SPACE, '')}`);
      blanked++;
    } else {
      out.push(line);
    }
    previousSecond = second;
    if (j - i >= MIN_REPEAT) {
      out.push(foldNote(`same message repeated ${plural(j - i - 1, 'more time')}, last at ${last[0].replace(/^\[|\]$/g, '')}`));
      previousSecond = `${last[1]}${last[2]}${last[4] ?? ''}`;
      i = j;
    } else {
      i++;
    }
  }
  if (blanked > 0) out.unshift('[log: an indented line has the same timestamp, to the second, as the line above it]');
  return out;
}
