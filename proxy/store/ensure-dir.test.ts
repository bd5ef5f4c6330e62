import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDir } from './ensure-dir';

const root = mkdtempSync(join(tmpdir(), 'sy-ensure-dir-'));
writeFileSync(join(root, 'a-file'), 'x');

const rows: Array<{ name: string; input: string; expected: 'dir' | RegExp }> = [
  { name: 'creates missing parents', input: join(root, 'a', 'b', 'c'), expected: 'dir' },
  { name: 'an existing directory is fine', input: root, expected: 'dir' },
  { name: 'a file in the way is an error', input: join(root, 'a-file'), expected: /is not a directory/ },
  { name: 'a path under a file is an error', input: join(root, 'a-file', 'sub'), expected: /ENOTDIR/ },
  // Node's recursive mkdirSync loops forever here.
  { name: 'a parent that refuses children fails at once', input: '/proc/switchyard-test/data', expected: /ENOENT/ },
];

for (const row of rows) {
  test(`ensureDir: ${row.name}`, () => {
    if (row.expected === 'dir') {
      ensureDir(row.input);
      assert.ok(statSync(row.input).isDirectory());
    } else {
      assert.throws(() => ensureDir(row.input), row.expected);
    }
  });
}

test('ensureDir: new directories get the mode asked for', () => {
  const dir = join(root, 'private', 'keys');
  ensureDir(dir, 0o700);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(root, 'private')).mode & 0o777, 0o700);
});
