import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceGitBlame } from './git-blame';

const input = [
  '^e2c1a9f (Linus Example 2026-02-01 08:00:00 +0000  1) // SemVer',
  '^e2c1a9f (Linus Example 2026-02-01 08:00:00 +0000  2) const x = 1',
  '7b3d2e10 (Grace Hopper  2026-02-09 08:00:00 +0000  3)   return x',
  '^e2c1a9f (Linus Example 2026-02-01 08:00:00 +0000  4) }',
];

test('reduceGitBlame: one header per run of lines from the same commit', () => {
  assert.deepEqual(reduceGitBlame(input), [
    '── ^e2c1a9f Linus Example 2026-02-01 08:00:00 +0000',
    '1) // SemVer',
    '2) const x = 1',
    '── 7b3d2e10 Grace Hopper 2026-02-09 08:00:00 +0000',
    '3)   return x',
    '── ^e2c1a9f Linus Example 2026-02-01 08:00:00 +0000',
    '4) }',
  ]);
});

test('reduceGitBlame: lossless — every original line can be rebuilt from the output', () => {
  const rebuilt: string[] = [];
  let header = '';
  for (const line of reduceGitBlame(input)) {
    if (line.startsWith('── ')) header = line.slice(3);
    else {
      const [, n, code] = /^(\d+)\) (.*)$/.exec(line) ?? [];
      const [hash, ...rest] = header.split(' ');
      const date = rest.slice(-3).join(' ');
      const author = rest.slice(0, -3).join(' ');
      rebuilt.push(`${hash} ${author} ${date} ${n} ${code}`);
    }
  }
  assert.deepEqual(rebuilt, input.map((l) => l.replace(/ \((.+?) +(\d{4}-\S+ \S+ \S+) +(\d+)\) /, ' $1 $2 $3 ')));
});

test('reduceGitBlame: non-blame text is returned unchanged', () => {
  assert.deepEqual(reduceGitBlame(['fatal: no such path']), ['fatal: no such path']);
});
