import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceGitDiff } from './git-diff';

const NOTE = '[… diff condensed: 3 index/---/+++ header lines dropped, unchanged context trimmed to 1 line around changes]';

const cases: Array<{ name: string; input: string[]; expected: string[] }> = [
  {
    name: 'long context runs are folded around changes; headers kept; changed lines all kept',
    input: [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,12 +1,12 @@ export function f() {',
      ' one',
      ' two',
      ' three',
      '-four',
      '+FOUR',
      ' five',
      ' six',
      ' seven',
      ' eight',
      ' nine',
      '-ten',
      '+TEN',
      ' eleven',
      ' twelve',
    ],
    expected: [
      NOTE,
      'diff --git a/src/a.ts b/src/a.ts',
      '@@ -1,12 +1,12 @@ export function f() {',
      '[… 2 unchanged lines]',
      ' three',
      '-four',
      '+FOUR',
      ' five',
      '[… 3 unchanged lines]',
      ' nine',
      '-ten',
      '+TEN',
      ' eleven',
      ' twelve',
    ],
  },
  {
    name: 'a deleted file becomes one line with its size',
    input: ['diff --git a/old.js b/old.js', 'deleted file mode 100644', 'index 3333333..0000000', '--- a/old.js', '+++ /dev/null', '@@ -1,3 +0,0 @@', '-a', '-b', '-c'],
    expected: [NOTE, 'diff --git a/old.js b/old.js', 'deleted file mode 100644', '@@ -1,3 +0,0 @@', '[… deleted file: 3 removed lines folded]'],
  },
  {
    name: 'lockfile hunks are counted, not shown',
    input: ['diff --git a/package-lock.json b/package-lock.json', 'index 4444444..5555555 100644', '--- a/package-lock.json', '+++ b/package-lock.json', '@@ -1,2 +1,3 @@', ' {', '+  "x": 1,', '-  "y": 2', '+  "y": 3'],
    expected: [NOTE, 'diff --git a/package-lock.json b/package-lock.json', '@@ -1,2 +1,3 @@', '[… generated file: 2 added, 1 removed lines folded]'],
  },
  {
    name: 'a truncated hunk (| head) keeps what is there',
    input: ['diff --git a/a b/a', '@@ -1,40 +1,40 @@', ' x', '-y', '+z'],
    expected: ['diff --git a/a b/a', '@@ -1,40 +1,40 @@', ' x', '-y', '+z'],
  },
  {
    name: 'text outside diffs and "\\ No newline" markers pass through',
    input: ['commit abc', '', 'diff --git a/a b/a', '@@ -1 +1 @@', '-x', '\\ No newline at end of file', '+y', '\\ No newline at end of file', 'trailing text'],
    expected: ['commit abc', '', 'diff --git a/a b/a', '@@ -1 +1 @@', '-x', '\\ No newline at end of file', '+y', '\\ No newline at end of file', 'trailing text'],
  },
];

for (const c of cases) {
  test(`reduceGitDiff: ${c.name}`, () => assert.deepEqual(reduceGitDiff(c.input), c.expected));
}
