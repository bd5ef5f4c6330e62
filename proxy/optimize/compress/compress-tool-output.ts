// One tool output in, what the model should read instead out: pure, deterministic (so provider
// prompt caches keep hitting on resent history), and never throws — on any internal error the
// output goes through unchanged.

import { parseCommand } from './parse-command';
import { detectFamily, type Family } from './detect-family';
import { FAMILY_PLANS } from './reduce-family';
import { stripAnsi } from './strip-ansi';
import { resolveCarriageReturns } from './resolve-carriage-returns';
import { foldProgressLines } from './fold-progress-lines';
import { foldStackFrames } from './fold-stack-frames';
import { foldRepeatedLines } from './fold-repeated-lines';
import { tidyWhitespace } from './tidy-whitespace';
import { splitLines, joinLines } from './split-lines';
import { reduceJson } from './json-output';
import { isFileTool, looksLikeNumberedFile } from './file-reads';
import { readSearchPattern } from './search-pattern';

export interface CompressContext {
  /** The shell command line that produced the output, when the tool call carried one. */
  command?: string;
  /** The tool's name (e.g. `Bash`, `Read`, `shell`). */
  toolName?: string;
}

export interface CompressResult {
  text: string;
  /** The family the output was recognised as (`git-diff`, `test-jest`, …), `file-read` or `generic`. */
  family: Family | 'file-read' | 'empty' | 'error';
  /** The steps that ran, joined with `+`. */
  reducer: string;
  changed: boolean;
}

const CRLF = /\r\n/g;

export function compressToolOutput(output: string, context: CompressContext = {}): CompressResult {
  const unchanged = (family: CompressResult['family'], reducer = 'none'): CompressResult => ({ text: output, family, reducer, changed: false });
  try {
    if (typeof output !== 'string' || output.length === 0) return unchanged('empty');
    if (context.toolName && isFileTool(context.toolName)) return unchanged('file-read');
    const parsed = context.command ? parseCommand(context.command) : null;
    if (parsed?.fileRead && !parsed.logRead) return unchanged('file-read');
    if (looksLikeNumberedFile(output)) return unchanged('file-read');

    const steps: string[] = [];
    let text = stripAnsi(output);
    if (text !== output) steps.push('ansi');
    const family = detectFamily(text, parsed);
    const plan = FAMILY_PLANS[family];

    if (family === 'json') {
      const minified = reduceJson(text);
      if (minified !== null) {
        text = minified;
        steps.push('json');
      }
    } else {
      if (plan.carriageReturns) {
        const resolved = resolveCarriageReturns(text);
        if (resolved !== text) steps.push('redraws');
        text = resolved;
      } else if (text.indexOf('\r\n') !== -1 && family !== 'git-diff' && family !== 'git-log') {
        text = text.replace(CRLF, '\n');
      }
      const { lines: input, trailingNewline } = splitLines(text);
      let lines = input;
      const run = (name: string, step: (l: string[]) => string[]) => {
        const next = step(lines);
        if (next.length !== lines.length || next.some((l, i) => l !== lines[i])) steps.push(name);
        lines = next;
      };
      if (plan.reduce) {
        const reduce = plan.reduce;
        const pattern = family === 'search' ? readSearchPattern(parsed) : null;
        run(family, (l) => reduce(l, { pattern }));
      }
      if (plan.progress) run('progress', foldProgressLines);
      if (plan.stackFrames) run('frames', foldStackFrames);
      if (plan.repeats) run('repeats', foldRepeatedLines);
      if (plan.whitespace) run('whitespace', tidyWhitespace);
      text = joinLines(lines, trailingNewline);
    }
    if (text.length >= output.length) return unchanged(family);
    return { text, family, reducer: steps.join('+') || 'none', changed: true };
  } catch {
    return unchanged('error');
  }
}
