import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceGitLog } from './git-log';

const HASH_A = 'd2a9ec4f5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e';
const HASH_B = '1db0e4d5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1';

test('reduceGitLog: headers join the hash line, the email is shown once per author, messages stay', () => {
  const input = [
    `commit ${HASH_A} (HEAD -> main)`,
    'Author: Ada Lovelace <ada@example.com>',
    'Date:   Thu Apr 2 09:00:00 2026 +0000',
    '',
    '    Rename satisfies to satisfiesRange',
    '',
    '    Refs: #412',
    '',
    `commit ${HASH_B}`,
    'Merge: 34f2948 c93e852',
    'Author: Ada Lovelace <ada@example.com>',
    'Date:   Fri Apr 3 10:00:00 2026 +0000',
    '',
    "    Merge branch 'feature/range-cache'",
  ];
  assert.deepEqual(reduceGitLog(input), [
    `commit ${HASH_A} (HEAD -> main) — Ada Lovelace <ada@example.com>, Thu Apr 2 09:00:00 2026 +0000`,
    '    Rename satisfies to satisfiesRange',
    '',
    '    Refs: #412',
    '',
    `commit ${HASH_B} — Ada Lovelace, Fri Apr 3 10:00:00 2026 +0000`,
    'Merge: 34f2948 c93e852',
    "    Merge branch 'feature/range-cache'",
  ]);
});

test('reduceGitLog: patches inside the log go through the diff reducer', () => {
  const out = reduceGitLog([`commit ${HASH_A}`, 'Author: A <a@x>', 'Date:   now', '', '    msg', '', 'diff --git a/f b/f', 'index 1..2 100644', '--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b']);
  assert.ok(out.includes('-a') && out.includes('+b') && out.includes('@@ -1 +1 @@'));
  assert.ok(!out.some((l) => l.startsWith('index ')));
});

test('reduceGitLog: a name used with two emails keeps the email on every commit', () => {
  const commit = (hash: string, email: string) => [`commit ${hash}`, `Author: Ada Lovelace <${email}>`, 'Date:   now', '', '    msg', ''];
  const out = reduceGitLog([...commit(HASH_A, 'ada@work.example'), ...commit(HASH_B, 'ada@home.example'), ...commit(HASH_A, 'ada@work.example')]);
  assert.equal(out.filter((l) => l.includes('<ada@work.example>')).length, 2);
  assert.equal(out.filter((l) => l.includes('<ada@home.example>')).length, 1);
});
