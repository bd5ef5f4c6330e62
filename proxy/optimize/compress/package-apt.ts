// apt / dpkg (terminal output and their logs): "Preparing to unpack" and "Selecting previously
// unselected package" lines repeat what the "Unpacking" line after them says, so they are counted
// instead of shown; runs of Unpacking / Setting up / Processing triggers lines become one line
// each with every package and version; dpkg.log status changes of one package within one second
// are joined ("status unpacked → half-configured → installed pkg ver").

import { foldNote, plural } from './fold-note';

const REDUNDANT = /^(?:Preparing to unpack \S+ \.\.\.|Selecting previously unselected package \S+\.)$/;
const STEP = /^(Unpacking|Setting up|Processing triggers for|Removing|Purging configuration files for) (\S+ \([^()\n]{1,200}\)(?: over \([^()\n]{1,200}\))?) \.\.\.$/;
const DPKG_STATUS = /^(\s*(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )?)status (\S+) (\S+ \S+)$/;
const SAME_SECOND = /^\s+status /;
const MIN_RUN = 3;

export function looksLikeApt(lines: string[]): boolean {
  let hits = 0;
  for (let i = 0; i < lines.length && i < 400; i++) if (STEP.test(lines[i]) || DPKG_STATUS.test(lines[i])) hits++;
  return hits >= 5;
}

function joinDpkgStatuses(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = DPKG_STATUS.exec(lines[i]);
    if (!first) {
      out.push(lines[i]);
      continue;
    }
    const states = [first[2]];
    let j = i + 1;
    for (let next = DPKG_STATUS.exec(lines[j] ?? ''); next && SAME_SECOND.test(lines[j]) && next[3] === first[3]; next = DPKG_STATUS.exec(lines[j] ?? '')) {
      states.push(next[2]);
      j++;
    }
    out.push(states.length > 1 ? `${first[1]}status ${states.join(' → ')} ${first[3]}` : lines[i]);
    i = j - 1;
  }
  return out;
}

export function reduceApt(input: string[]): string[] {
  if (!looksLikeApt(input)) return input;
  const kept = input.filter((l) => !REDUNDANT.test(l));
  const dropped = input.length - kept.length;
  const out: string[] = [];
  for (let i = 0; i < kept.length; ) {
    const step = STEP.exec(kept[i]);
    let j = i + 1;
    if (step) while (j < kept.length && STEP.exec(kept[j])?.[1] === step[1]) j++;
    if (step && j - i >= MIN_RUN) {
      out.push(`${step[1]} (${j - i}): ${kept.slice(i, j).map((l) => STEP.exec(l)?.[2]).join(', ')}`);
      i = j;
    } else {
      out.push(kept[i]);
      i++;
    }
  }
  if (dropped > 0) out.push(foldNote(`${plural(dropped, 'line')} "Preparing to unpack …"/"Selecting previously unselected package …" folded: each precedes that package's Unpacking line; new packages are the ones unpacked without "over"`));
  return joinDpkgStatuses(out);
}
