// The generic steps every family can use: each row is one input and the exact output expected.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripAnsi } from './strip-ansi';
import { resolveCarriageReturns } from './resolve-carriage-returns';
import { foldProgressLines } from './fold-progress-lines';
import { foldRepeatedLines } from './fold-repeated-lines';
import { tidyWhitespace } from './tidy-whitespace';

const textSteps: Array<{ name: string; step: (t: string) => string; input: string; expected: string }> = [
  { name: 'ansi: colours removed', step: stripAnsi, input: '\x1b[31merror\x1b[0m: \x1b[1mboom\x1b[22m', expected: 'error: boom' },
  { name: 'ansi: OSC hyperlink removed, text kept', step: stripAnsi, input: '\x1b]8;;file:///a.ts\x07a.ts\x1b]8;;\x07:3', expected: 'a.ts:3' },
  { name: 'ansi: plain text is returned as is', step: stripAnsi, input: 'plain', expected: 'plain' },
  { name: 'redraws: last state of a progress line, with the count', step: resolveCarriageReturns, input: 'get\r 10%\r 50%\r100% done\nnext', expected: '100% done\n[… 3 earlier redraws of the line above folded]\nnext' },
  { name: 'redraws: a shorter redraw leaves the tail of the longer one', step: resolveCarriageReturns, input: 'abcdef\rXY', expected: 'XYcdef' },
  { name: 'redraws: CRLF is only a line ending', step: resolveCarriageReturns, input: 'a\r\nb\r\n', expected: 'a\nb\n' },
];

for (const row of textSteps) {
  test(`generic ${row.name}`, () => assert.equal(row.step(row.input), row.expected));
}

const lineSteps: Array<{ name: string; step: (l: string[]) => string[]; input: string[]; expected: string[] }> = [
  {
    name: 'repeats: three or more identical lines keep one and a count',
    step: foldRepeatedLines,
    input: ['start', 'retrying', 'retrying', 'retrying', 'retrying', 'end'],
    expected: ['start', 'retrying', '[… line above repeated 3 more times]', 'end'],
  },
  { name: 'repeats: two identical lines stay', step: foldRepeatedLines, input: ['a', 'a', 'b'], expected: ['a', 'a', 'b'] },
  { name: 'repeats: blank lines are not folded here', step: foldRepeatedLines, input: ['', '', '', 'x'], expected: ['', '', '', 'x'] },
  {
    name: 'progress: same-shape percentage lines keep the last',
    step: foldProgressLines,
    input: ['Downloading x', ' 10% [==>      ] 1.0MB', ' 55% [=====>   ] 5.5MB', '100% [=========] 10MB', 'Saved x'],
    expected: ['Downloading x', '[… 2 earlier progress lines folded]', '100% [=========] 10MB', 'Saved x'],
  },
  {
    name: 'progress: pytest progress lines (different files) stay',
    step: foldProgressLines,
    input: ['tests/a.py ..F.  [ 33%]', 'tests/b.py ....  [ 66%]', 'tests/c.py ..    [100%]'],
    expected: ['tests/a.py ..F.  [ 33%]', 'tests/b.py ....  [ 66%]', 'tests/c.py ..    [100%]'],
  },
  {
    name: 'progress: same-shape percentages without a bar or transfer word are data and stay',
    step: foldProgressLines,
    input: ['worker 1: 50% busy', 'worker 2: 75% busy', 'worker 3: 80% busy'],
    expected: ['worker 1: 50% busy', 'worker 2: 75% busy', 'worker 3: 80% busy'],
  },
  {
    name: 'progress: a download counter without a bar folds',
    step: foldProgressLines,
    input: ['Downloading 10% 1.2MB/s', 'Downloading 40% 1.3MB/s', 'Downloading 100% 1.3MB/s'],
    expected: ['[… 2 earlier progress lines folded]', 'Downloading 100% 1.3MB/s'],
  },
  { name: 'whitespace: trailing spaces and blank runs', step: tidyWhitespace, input: ['a  ', '', '', '', 'b\t', ''], expected: ['a', '', 'b', ''] },
];

for (const row of lineSteps) {
  test(`generic ${row.name}`, () => assert.deepEqual(row.step(row.input), row.expected));
}
