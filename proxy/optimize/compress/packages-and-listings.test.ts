import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceNpm } from './package-npm';
import { reducePip } from './package-pip';
import { reducePathList } from './listing-paths';
import { reduceLsLong } from './listing-ls';
import { flattenTreeGlyphs } from './flatten-tree-glyphs';
import { reduceApt } from './package-apt';

const cases: Array<{ name: string; reduce: (l: string[]) => string[]; input: string[]; expected: string[] }> = [
  {
    name: 'npm: successful fetches fold; warnings and results stay',
    reduce: reduceNpm,
    input: ['npm http fetch GET 200 https://registry.npmjs.org/a 50ms', 'npm http fetch GET 200 https://registry.npmjs.org/b 60ms', 'npm http fetch GET 404 https://registry.npmjs.org/c 70ms', 'npm warn deprecated request@2.88.2: request has been deprecated', 'added 121 packages in 12s'],
    expected: ['[… 2 npm http/timing log lines (successful fetches and cache reads) folded]', 'npm http fetch GET 404 https://registry.npmjs.org/c 70ms', 'npm warn deprecated request@2.88.2: request has been deprecated', 'added 121 packages in 12s'],
  },
  {
    name: 'npm ls: tree glyphs become indentation, markers stay',
    reduce: reduceNpm,
    input: ['app@1.0.0 /app', '├─┬ express@5.2.1', '│ ├── accepts@2.0.0', '│ └── UNMET DEPENDENCY body-parser@^2', '└── zod@4.1.0 extraneous'],
    expected: ['app@1.0.0 /app', '  express@5.2.1', '    accepts@2.0.0', '    UNMET DEPENDENCY body-parser@^2', '  zod@4.1.0 extraneous'],
  },
  {
    name: 'tree: 4-column levels become 2 spaces per level',
    reduce: (l) => flattenTreeGlyphs(l) ?? l,
    input: ['.', '├── src', '│   ├── a.ts', '│   └── b.ts', '└── README.md', '', '1 directory, 3 files'],
    expected: ['.', '  src', '    a.ts', '    b.ts', '  README.md', '', '1 directory, 3 files'],
  },
  {
    name: 'pip: retries for one URL keep the first and a count',
    reduce: reducePip,
    input: [
      "WARNING: Retrying (Retry(total=2, connect=None)) after connection broken by 'NewConnectionError(x)': /simple/idna/",
      "WARNING: Retrying (Retry(total=1, connect=None)) after connection broken by 'NewConnectionError(y)': /simple/idna/",
      "WARNING: Retrying (Retry(total=0, connect=None)) after connection broken by 'NewConnectionError(z)': /simple/idna/",
      'Successfully installed idna-3.20',
    ],
    expected: ["WARNING: Retrying (Retry(total=2, connect=None)) after connection broken by 'NewConnectionError(x)': /simple/idna/", '[… 2 more retries for /simple/idna/ folded]', 'Successfully installed idna-3.20'],
  },
  {
    name: 'pip: "Requirement already satisfied" runs from one place become one line',
    reduce: reducePip,
    input: ['Requirement already satisfied: a in /sp (1.0)', 'Requirement already satisfied: b in /sp (from a) (2.0)', 'Requirement already satisfied: c in /sp (3.0)'],
    expected: ['Requirement already satisfied (3 in /sp): a (1.0), b (2.0), c (3.0)'],
  },
  {
    name: 'paths: siblings share their directory',
    reduce: reducePathList,
    input: ['typescript/lib/a.d.ts', 'typescript/lib/b.d.ts', 'typescript/lib/c.d.ts', 'typescript/bin/tsc'],
    expected: ['typescript/lib/ (3): a.d.ts, b.d.ts, c.d.ts', 'typescript/bin/tsc'],
  },
  {
    name: 'paths: one name in many directories is written once',
    reduce: reducePathList,
    input: ['./a/package.json', './b/c/package.json', './d/package.json', './e/index.js'],
    expected: ['package.json in (3): ./a/, ./b/c/, ./d/', './e/index.js'],
  },
  {
    name: 'apt: redundant lines counted, step runs joined with every package and version',
    reduce: reduceApt,
    input: [
      'Selecting previously unselected package libpq5:amd64.', 'Preparing to unpack .../0-libpq5_15.18-0+deb12u1_amd64.deb ...', 'Unpacking libpq5:amd64 (15.18-0+deb12u1) ...',
      'Preparing to unpack .../1-curl_7.88.1-10+deb12u14_amd64.deb ...', 'Unpacking curl (7.88.1-10+deb12u14) over (7.88.1-10+deb12u12) ...',
      'Selecting previously unselected package ucf.', 'Preparing to unpack .../2-ucf_3.0043_all.deb ...', 'Unpacking ucf (3.0043) ...',
      'Setting up libpq5:amd64 (15.18-0+deb12u1) ...', 'Setting up curl (7.88.1-10+deb12u14) ...', 'Setting up ucf (3.0043) ...',
      'Processing triggers for libc-bin (2.36-9+deb12u14) ...',
    ],
    expected: [
      'Unpacking (3): libpq5:amd64 (15.18-0+deb12u1), curl (7.88.1-10+deb12u14) over (7.88.1-10+deb12u12), ucf (3.0043)',
      'Setting up (3): libpq5:amd64 (15.18-0+deb12u1), curl (7.88.1-10+deb12u14), ucf (3.0043)',
      'Processing triggers for libc-bin (2.36-9+deb12u14) ...',
      '[… 5 lines "Preparing to unpack …"/"Selecting previously unselected package …" folded: each precedes that package\'s Unpacking line; new packages are the ones unpacked without "over"]',
    ],
  },
  {
    name: 'dpkg.log: status changes of one package in one second are joined',
    reduce: reduceApt,
    input: ['2026-09-22 04:45:25 configure ed:amd64 1.19-1 <none>', '  status unpacked ed:amd64 1.19-1', '  status half-configured ed:amd64 1.19-1', '  status installed ed:amd64 1.19-1', '2026-09-22 04:45:26 status installed ed:amd64 1.19-1', '  status unpacked vim:amd64 9.0', '  status installed vim:amd64 9.0'],
    expected: ['2026-09-22 04:45:25 configure ed:amd64 1.19-1 <none>', '  status unpacked → half-configured → installed ed:amd64 1.19-1', '2026-09-22 04:45:26 status installed ed:amd64 1.19-1', '  status unpacked → installed vim:amd64 9.0'],
  },
  {
    name: 'ls -l: one owner and group for all entries is said once',
    reduce: reduceLsLong,
    input: ['total 20', 'drwxr-xr-x  2 root root 4096 2026-11-24 03:07 .', 'drwxr-xr-x 13 root root 4096 2026-11-24 03:07 ..', '-rw-r--r--  1 root root  120 2026-11-24 03:07 a', '-rw-r--r--  1 root root  130 2026-11-24 03:07 b', 'lrwxrwxrwx  1 root root    4 2026-11-24 03:07 c -> a'],
    expected: ['[… every entry below: owner root, group root, modified 2026-11-24 03:07 unless another time is shown; those columns omitted]', 'total 20', 'drwxr-xr-x  2 4096 .', 'drwxr-xr-x 13 4096 ..', '-rw-r--r--  1  120 a', '-rw-r--r--  1  130 b', 'lrwxrwxrwx  1    4 c -> a'],
  },
  {
    name: 'ls -l: an entry with another time keeps it',
    reduce: reduceLsLong,
    input: ['-rw-r--r-- 1 ada staff 1 Jan  1 10:00 a', '-rw-r--r-- 1 ada staff 2 Jan  1 10:00 b', '-rw-r--r-- 1 ada staff 3 Jan  1 10:00 c', '-rw-r--r-- 1 ada staff 4 Jan  1 10:00 d', '-rw-r--r-- 1 ada staff 5 Mar  9  2024 e'],
    expected: ['[… every entry below: owner ada, group staff, modified Jan  1 10:00 unless another time is shown; those columns omitted]', '-rw-r--r-- 1 1 a', '-rw-r--r-- 1 2 b', '-rw-r--r-- 1 3 c', '-rw-r--r-- 1 4 d', '-rw-r--r-- 1 5 Mar  9  2024 e'],
  },
  {
    name: 'ls -l: mixed owners are left alone',
    reduce: reduceLsLong,
    input: ['-rw-r--r-- 1 root root 1 Jan 1 a', '-rw-r--r-- 1 ada staff 1 Jan 1 b', '-rw-r--r-- 1 root root 1 Jan 1 c', '-rw-r--r-- 1 root root 1 Jan 1 d', '-rw-r--r-- 1 root root 1 Jan 1 e'],
    expected: ['-rw-r--r-- 1 root root 1 Jan 1 a', '-rw-r--r-- 1 ada staff 1 Jan 1 b', '-rw-r--r-- 1 root root 1 Jan 1 c', '-rw-r--r-- 1 root root 1 Jan 1 d', '-rw-r--r-- 1 root root 1 Jan 1 e'],
  },
];

for (const c of cases) {
  test(`packages and listings — ${c.name}`, () => assert.deepEqual(c.reduce(c.input), c.expected));
}

test('paths: lossless — every path is rebuilt from dir + names', () => {
  const paths = ['a/b/1.js', 'a/b/2.js', 'a/b/3.js', 'a/c/4.js', 'x.js', 'a/b/5.js', 'a/b/6.js', 'a/b/7.js', 'a/b/8.js'];
  const rebuilt = reducePathList(paths).flatMap((line) => {
    const m = /^(.*\/) \(\d+\): (.*)$/.exec(line);
    return m ? m[2].split(', ').map((name) => m[1] + name) : [line];
  });
  assert.deepEqual(rebuilt, paths);
});
