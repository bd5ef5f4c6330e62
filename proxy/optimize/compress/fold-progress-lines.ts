// Progress printed as one new line per update (wget dots, pip bars, download counters): consecutive
// lines of the same shape that carry a percentage and look like progress (a bar, or a transfer
// word or rate) are folded to the last one, which holds the result. Other same-shape lines with
// percentages (per-worker stats, say) are data and stay.

import { foldNote, indentOf } from './fold-note';

const PERCENT = /\d(?:\.\d+)?%/;
const DIGITS = /\d+(?:\.\d+)?/g;
const BAR_RUNS = /[#=.█▉▊▋▌▍▎▏▇▆▅▄▃▂▁━─░▒▓■□>*·-]{2,}/g;
const SPACES = /\s+/g;
const BAR = /[#=.█▉▊▋▌▍▎▏▇▆▅▄▃▂▁━─░▒▓■□>*·-]{5,}|\[[=#>.~ -]{5,}\]/;
const PROGRESS_WORD = /\b(?:[Dd]ownload(?:ing|ed)?|[Uu]pload(?:ing|ed)?|[Pp]rogress|[Rr]eceiving|[Rr]esolving|[Cc]ompressing|[Ww]riting|[Cc]ounting|[Ee]xtracting|[Pp]ulling|[Ff]etching|ETA|eta)\b|\d\s?(?:[KMG]i?B|[kKM]?B)\/s|it\/s/;
const MIN_RUN = 3;

function shapeOf(line: string): string | null {
  if (line.length > 400 || !PERCENT.test(line) || !(BAR.test(line) || PROGRESS_WORD.test(line))) return null;
  return line.replace(DIGITS, '0').replace(BAR_RUNS, '~').replace(SPACES, '');
}

export function foldProgressLines(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const shape = shapeOf(lines[i]);
    let j = i + 1;
    if (shape !== null) while (j < lines.length && shapeOf(lines[j]) === shape) j++;
    if (j - i >= MIN_RUN) {
      out.push(foldNote(`${j - i - 1} earlier progress lines folded`, indentOf(lines[j - 1])), lines[j - 1]);
    } else {
      for (let k = i; k < j; k++) out.push(lines[k]);
    }
    i = j;
  }
  return out;
}
