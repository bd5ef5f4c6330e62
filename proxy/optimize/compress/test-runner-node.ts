// node:test, both reporters. TAP: passing tests (and suites whose tests all passed) with their
// `# Subtest:` line and duration block are folded by count; `not ok` tests keep their whole YAML
// diagnostic (location, error, expected, actual). Spec: ✔ lines and all-passing suites are folded;
// a failure's details printed both inline and under "✖ failing tests:" are kept once, in the latter.

import { foldNote, indentOf, plural } from './fold-note';

const SUBTEST = /^(\s*)# Subtest: (.*)$/;
const STATUS = /^(\s*)(not ok|ok) \d+(?: - (.*))?$/;
const DIRECTIVE = /#\s*(?:SKIP|TODO)\b/i;
const YAML_START = /^\s*---$/;
const YAML_END = /^\s*\.\.\.$/;

interface TapTest {
  header?: string;
  children: TapItem[];
  status: string;
  yaml: string[];
  passing: boolean;
  leaves: number;
}
type TapItem = { line: string } | { test: TapTest };

function parseTap(lines: string[], start: number, indent: number): { items: TapItem[]; next: number } {
  const items: TapItem[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    const width = indentOf(line).length;
    if (line.trim() !== '' && width < indent) break;
    const sub = SUBTEST.exec(line);
    let header: string | undefined;
    let children: TapItem[] = [];
    let j = i;
    if (sub && sub[1].length === indent) {
      header = line;
      const parsed = parseTap(lines, i + 1, indent + 4);
      children = parsed.items;
      j = parsed.next;
    }
    const status = STATUS.exec(lines[j] ?? '');
    if (status && status[1].length === indent && (header || j === i)) {
      const yaml: string[] = [];
      let k = j + 1;
      if (k < lines.length && YAML_START.test(lines[k])) {
        while (k < lines.length) {
          yaml.push(lines[k]);
          k++;
          if (YAML_END.test(lines[k - 1])) break;
        }
      }
      const childTests = children.filter((c): c is { test: TapTest } => 'test' in c).map((c) => c.test);
      const passing = status[2] === 'ok' && !DIRECTIVE.test(lines[j]) && childTests.every((t) => t.passing);
      const leaves = childTests.length > 0 ? childTests.reduce((n, t) => n + t.leaves, 0) : 1;
      items.push({ test: { header, children, status: lines[j], yaml, passing, leaves } });
      i = k;
      continue;
    }
    if (header) {
      // A subtest that never reported a status (truncated output): keep it as it was.
      items.push({ line: header });
      for (let k = i + 1; k < j; k++) items.push({ line: lines[k] });
      i = j;
      continue;
    }
    items.push({ line });
    i++;
  }
  return { items, next: i };
}

function emitTap(items: TapItem[], out: string[]): void {
  let i = 0;
  while (i < items.length) {
    const item = items[i];
    if ('test' in item && item.test.passing) {
      let j = i;
      let leaves = 0;
      for (; j < items.length; j++) {
        const t = items[j];
        if ('test' in t && t.test.passing) leaves += t.test.leaves;
        else if (!('line' in t && /^\s*1\.\.\d+$/.test(t.line))) break;
      }
      out.push(foldNote(`${plural(leaves, 'passing test')} folded`, indentOf(item.test.status)));
      i = j;
      continue;
    }
    if ('line' in item) out.push(item.line);
    else {
      if (item.test.header) out.push(item.test.header);
      emitTap(item.test.children, out);
      out.push(item.test.status, ...item.test.yaml);
    }
    i++;
  }
}

const YAML_STACK = /^(\s*)stack: \|-$/;
const TAP_FRAME_INTERNAL = /\(node:|^\s*(?:async )?node:/;

/** The YAML `stack: |-` block of a failed test lists frames without "at"; dependency runs fold. */
function foldYamlStacks(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const stack = YAML_STACK.exec(lines[i]);
    if (!stack) continue;
    let j = i + 1;
    while (j < lines.length && indentOf(lines[j]).length > stack[1].length) j++;
    const frames = lines.slice(i + 1, j);
    // Keep the first frame (where it threw) and fold dependency runs after it.
    out.push(...frames.slice(0, 1));
    let k = 1;
    while (k < frames.length) {
      let m = k;
      while (m < frames.length && (TAP_FRAME_INTERNAL.test(frames[m]) || frames[m].includes('node_modules'))) m++;
      if (m - k >= 2) {
        out.push(foldNote(`${plural(m - k, 'dependency frame')} folded`, indentOf(frames[k])));
        k = m;
      } else {
        out.push(frames[k]);
        k++;
      }
    }
    i = j - 1;
  }
  return out;
}

export function reduceNodeTap(lines: string[]): string[] {
  const out: string[] = [];
  emitTap(parseTap(lines, 0, 0).items, out);
  return foldYamlStacks(out);
}

const SPEC_PASS = /^(\s*)✔ .*\([\d.]+m?s\)$/;
const SPEC_SUITE = /^(\s*)▶ (.*)$/;
const SPEC_FAIL = /^(\s*)✖ (.*)$/;
const FAILING_HEADER = /^✖ failing tests:$/;
const PASS_NOTE = /^\s*\[… (\d+) passing tests? folded\]$/;

function foldSpecPasses(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const pass = SPEC_PASS.exec(lines[i]);
    if (!pass) {
      out.push(lines[i]);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && SPEC_PASS.test(lines[j]) && indentOf(lines[j]) === pass[1]) j++;
    out.push(foldNote(`${plural(j - i, 'passing test')} folded`, pass[1]));
    i = j;
  }
  // Suites whose every test passed: `▶ name`, notes, `✔ name` collapse into one note.
  const merged: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const suite = SPEC_SUITE.exec(out[i]);
    if (suite) {
      let j = i + 1;
      let count = 0;
      for (let m = PASS_NOTE.exec(out[j] ?? ''); m && indentOf(out[j]).length > suite[1].length; m = PASS_NOTE.exec(out[j] ?? '')) {
        count += Number(m[1]);
        j++;
      }
      const close = out[j] ?? '';
      if (count > 0 && (PASS_NOTE.test(close) || SPEC_PASS.test(close)) && indentOf(close) === suite[1]) {
        merged.push(foldNote(`suite "${suite[2]}": ${plural(count, 'passing test')} folded`, suite[1]));
        i = j;
        continue;
      }
    }
    merged.push(out[i]);
  }
  return merged;
}

function detailAfter(lines: string[], i: number): string[] {
  const own = indentOf(lines[i]).length;
  const detail: string[] = [];
  for (let j = i + 1; j < lines.length && lines[j].length > 0 && indentOf(lines[j]).length > own; j++) detail.push(lines[j].slice(own));
  return detail;
}

export function reduceNodeSpec(lines: string[]): string[] {
  const summaryAt = lines.findIndex((l) => FAILING_HEADER.test(l));
  const repeated = new Set<string>();
  if (summaryAt >= 0) {
    for (let i = summaryAt + 1; i < lines.length; i++) {
      if (SPEC_FAIL.test(lines[i])) repeated.add(`${lines[i].trim()}\n${detailAfter(lines, i).join('\n')}`);
    }
  }
  const out: string[] = [];
  const end = summaryAt >= 0 ? summaryAt : lines.length;
  for (let i = 0; i < end; i++) {
    out.push(lines[i]);
    if (!SPEC_FAIL.test(lines[i])) continue;
    const detail = detailAfter(lines, i);
    if (detail.length > 1 && repeated.has(`${lines[i].trim()}\n${detail.join('\n')}`)) {
      out.push(foldNote(`${plural(detail.length, 'line')} of failure detail, repeated under "✖ failing tests" below`, `${indentOf(lines[i])}  `));
      i += detail.length;
    }
  }
  return [...foldSpecPasses(out), ...lines.slice(end)];
}
