// tsc: every diagnostic keeps its file, line, column, code and message. `--pretty` code frames
// (source line and ~~~ underline) are folded, since the model can read the file; a message repeated
// at three or more places is printed once with the list of its locations.

import { foldNote, plural } from './fold-note';

const PLAIN = /^(\S.*?\(\d+,\d+\)): ((?:error|warning|message) TS\d+: .*)$/;
const PRETTY = /^(\S.*?:\d+:\d+) - ((?:error|warning|message) TS\d+: .*)$/;
const FRAME_CODE = /^\s*\d+\s{2,}\S?.*$|^\s*\d+$/;
const FRAME_UNDERLINE = /^\s*~+\s*$/;
const MIN_GROUP = 3;

interface Diagnostic {
  location: string;
  message: string;
  /** Indented lines that continue the message (elaboration chains, related information). */
  more: string[];
  line: string;
}

function foldCodeFrames(lines: string[]): { lines: string[]; folded: number } {
  const out: string[] = [];
  let folded = 0;
  let inDiagnostic = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (PRETTY.test(line)) inDiagnostic = true;
    else if (line.startsWith('Found ') || /^Errors\s+Files$/.test(line)) inDiagnostic = false;
    // A frame is a numbered source line followed by its ~~~ underline.
    if (inDiagnostic && FRAME_CODE.test(line) && i + 1 < lines.length && FRAME_UNDERLINE.test(lines[i + 1])) {
      folded++;
      i++;
      continue;
    }
    out.push(line);
  }
  return { lines: out, folded };
}

export function reduceTsc(input: string[]): string[] {
  const { lines, folded } = foldCodeFrames(input);
  const diagnostics: Array<Diagnostic | string> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = PLAIN.exec(lines[i]) ?? PRETTY.exec(lines[i]);
    if (!m) {
      diagnostics.push(lines[i]);
      continue;
    }
    const more: string[] = [];
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1])) more.push(lines[++i]);
    diagnostics.push({ location: m[1], message: m[2], more, line: lines[i - more.length] });
  }
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (typeof d !== 'string' && d.more.length === 0) counts.set(d.message, (counts.get(d.message) ?? 0) + 1);
  const out: string[] = [];
  const grouped = new Set<string>();
  for (const d of diagnostics) {
    if (typeof d === 'string') {
      // Pretty output puts a blank line after each diagnostic; grouped ones leave no gap to fill.
      if (d === '' && out.length > 0 && out[out.length - 1] === '') continue;
      out.push(d);
      continue;
    }
    const count = d.more.length === 0 ? counts.get(d.message) ?? 0 : 0;
    if (count < MIN_GROUP) {
      out.push(d.line, ...d.more);
      continue;
    }
    if (grouped.has(d.message)) continue;
    grouped.add(d.message);
    out.push(`${d.message} — at ${count} locations:`);
    for (const other of diagnostics) if (typeof other !== 'string' && other.message === d.message && other.more.length === 0) out.push(`  ${other.location}`);
  }
  if (folded > 0) out.push(foldNote(`${plural(folded, 'code frame')} (source line + ~~~ underline) folded`));
  return out;
}
