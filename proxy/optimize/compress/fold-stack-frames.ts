// Stack traces: the frames that matter are the user's own and the one that threw. Runs of frames
// inside dependencies (node_modules, node internals, site-packages, the Rust standard library) are
// folded into one line naming the packages they came from.

import { foldNote, indentOf, plural } from './fold-note';

const JS_FRAME = /^\s+at \S/;
const JS_DEPENDENCY = /node_modules[\\/]|\(node:|at node:|\bnode:internal|\(internal\/|<anonymous>\)?$|\(native\)$/;
// Sticky, applied right after the last `node_modules/` found by lastIndexOf (a leading `.*` would be quadratic).
const PACKAGE_AFTER_NODE_MODULES = /(?:@[^\\/\s)]+[\\/])?[^\\/\s)]+/y;
const PY_FRAME = /^\s*File "([^"]+)", line \d+/;
const PY_DEPENDENCY = /[\\/](?:site|dist)-packages[\\/]|[\\/]lib[\\/]python\d(?:\.\d+)?[\\/]|^<frozen /;
const PY_PACKAGE = /[\\/](?:site|dist)-packages[\\/]([^\\/]+)/;
const RUST_FRAME = /^\s+\d+: \S/;
const RUST_LOCATION = /^\s+at \S/;
const RUST_DEPENDENCY_SYMBOL = /^\s+\d+: (?:std::|core::|alloc::|test::|__rustc::|rust_begin_unwind|<(?:fn|alloc|core|std)\b)/;
const RUST_DEPENDENCY_PATH = /^\s+at (?:\/rustc\/|.*[\\/]\.cargo[\\/]registry[\\/])/;
const MIN_FOLD = 2;

interface Frame {
  start: number;
  length: number;
  dependency: boolean;
  source: string;
  kind: 'js' | 'py' | 'rust';
}

function packageOf(line: string): string | null {
  const at = Math.max(line.lastIndexOf('node_modules/'), line.lastIndexOf('node_modules\\'));
  if (at === -1) return null;
  PACKAGE_AFTER_NODE_MODULES.lastIndex = at + 'node_modules/'.length;
  const m = PACKAGE_AFTER_NODE_MODULES.exec(line);
  return m ? m[0].replace('\\', '/') : null;
}

function readFrame(lines: string[], i: number): Frame | null {
  const line = lines[i];
  if (RUST_FRAME.test(line)) {
    const hasLocation = i + 1 < lines.length && RUST_LOCATION.test(lines[i + 1]);
    const dependency = RUST_DEPENDENCY_SYMBOL.test(line) || (hasLocation && RUST_DEPENDENCY_PATH.test(lines[i + 1]));
    return { start: i, length: hasLocation ? 2 : 1, dependency, source: 'Rust std', kind: 'rust' };
  }
  if (JS_FRAME.test(line)) {
    const dependency = JS_DEPENDENCY.test(line);
    return { start: i, length: 1, dependency, source: packageOf(line) ?? 'node internals', kind: 'js' };
  }
  const py = PY_FRAME.exec(line);
  if (py) {
    const indent = indentOf(line).length;
    let length = 1;
    while (i + length < lines.length && indentOf(lines[i + length]).length > indent && !PY_FRAME.test(lines[i + length]) && lines[i + length].trim() !== '') length++;
    const pkg = PY_PACKAGE.exec(py[1]);
    return { start: i, length, dependency: PY_DEPENDENCY.test(py[1]), source: pkg ? pkg[1] : 'Python stdlib', kind: 'py' };
  }
  return null;
}

function describeSources(frames: Frame[]): string {
  const names = [...new Set(frames.map((f) => f.source))];
  return names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
}

function emitTrace(lines: string[], trace: Frame[], out: string[]): void {
  // The frame that threw: first in JS and Rust order, last in Python's "most recent call last".
  const keep = trace[0].kind === 'py' ? trace.length - 1 : trace[0].kind === 'js' ? 0 : -1;
  let i = 0;
  while (i < trace.length) {
    let j = i;
    while (j < trace.length && trace[j].dependency && j !== keep) j++;
    if (j - i >= MIN_FOLD) {
      const run = trace.slice(i, j);
      out.push(foldNote(`${plural(run.length, 'dependency frame')} folded: ${describeSources(run)}`, indentOf(lines[trace[i].start])));
      i = j;
      continue;
    }
    const end = Math.max(j, i + 1);
    for (let k = i; k < end; k++) for (let l = 0; l < trace[k].length; l++) out.push(lines[trace[k].start + l]);
    i = end;
  }
}

export function foldStackFrames(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = readFrame(lines, i);
    if (!first) {
      out.push(lines[i]);
      i++;
      continue;
    }
    const trace: Frame[] = [first];
    let next = i + first.length;
    for (let frame = readFrame(lines, next); frame && frame.kind === first.kind; frame = readFrame(lines, next)) {
      trace.push(frame);
      next += frame.length;
    }
    emitTrace(lines, trace, out);
    i = next;
  }
  return out;
}
