import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceGitStatus } from './git-status';

test('reduceGitStatus: hints go, every path and state stays', () => {
  const input = [
    'On branch main',
    'Changes to be committed:',
    '  (use "git restore --staged <file>..." to unstage)',
    '\tdeleted:    docs/commander.md',
    '',
    'Changes not staged for commit:',
    '  (use "git add <file>..." to update what will be committed)',
    '  (use "git restore <file>..." to discard changes in working directory)',
    '\tmodified:   src/cli/commander.js',
    '',
    'Untracked files:',
    '  (use "git add <file>..." to include in what will be committed)',
    '\tnotes.txt',
  ];
  assert.deepEqual(reduceGitStatus(input), [
    'On branch main',
    'Changes to be committed:',
    '\tdeleted:    docs/commander.md',
    '',
    'Changes not staged for commit:',
    '\tmodified:   src/cli/commander.js',
    '',
    'Untracked files:',
    '\tnotes.txt',
    '[… 4 git hint lines ("use git add/restore …") dropped]',
  ]);
});
