// pytest: `-v` PASSED lines are folded by count; in tracebacks, frames inside installed packages or
// the standard library keep their `>` line, `E` lines and location while their source listing and
// locals are folded. Failing test names, assertion messages, file:line locations, the short test
// summary and the final counts all stay.

import { foldNote, plural } from './fold-note';
import { foldRuns } from './fold-runs';

const PASSED = /^\S+::\S.* PASSED(?:\s+\[\s*\d+%\])?$/;
const SECTION = /^={5,} (.*?) ={5,}$/;
const TEST_HEADER = /^_{3,} .* _{3,}$/;
const FRAME_SEPARATOR = /^(?:_ ){5,}_?$/;
const LOCATION = /^(\S+?):(\d+): (?:in \S+|\w[\w.]*)$/;
const LIBRARY = /[\\/](?:site|dist)-packages[\\/]|[\\/]lib[\\/]python\d(?:\.\d+)?[\\/]/;
const KEEP_IN_LIBRARY = /^(?:>|E\s)/;

function foldLibraryFrame(chunk: string[], out: string[]): void {
  // `--tb=short`/`--tb=line` put the location first and one source line after it: nothing to fold.
  const first = chunk.find((l) => l.trim() !== '');
  if (first === undefined || LOCATION.test(first)) {
    out.push(...chunk);
    return;
  }
  const location = [...chunk].reverse().find((l) => LOCATION.test(l));
  const match = location ? LOCATION.exec(location) : null;
  if (!match || !LIBRARY.test(match[1])) {
    out.push(...chunk);
    return;
  }
  let folded = 0;
  const flush = () => {
    if (folded > 0) out.push(foldNote(`${plural(folded, 'line')} of library source and locals folded`));
    folded = 0;
  };
  for (const line of chunk) {
    if (KEEP_IN_LIBRARY.test(line) || line === location) {
      flush();
      out.push(line);
    } else if (line.trim() === '') {
      continue;
    } else {
      folded++;
    }
  }
  flush();
}

function reduceTracebacks(lines: string[]): string[] {
  const out: string[] = [];
  let inFailures = false;
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) foldLibraryFrame(chunk, out);
    chunk = [];
  };
  for (const line of lines) {
    const section = SECTION.exec(line);
    if (section) {
      flush();
      inFailures = /^(FAILURES|ERRORS)$/.test(section[1]);
      out.push(line);
      continue;
    }
    if (!inFailures) {
      out.push(line);
      continue;
    }
    if (TEST_HEADER.test(line) || FRAME_SEPARATOR.test(line)) {
      flush();
      out.push(line);
      continue;
    }
    chunk.push(line);
  }
  flush();
  return out;
}

export function reducePytest(lines: string[]): string[] {
  return reduceTracebacks(foldRuns(lines, (l) => PASSED.test(l), (n) => `${plural(n, 'PASSED test')} folded`));
}
