import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournal, RowJournal } from './row-journal';

const line = (value: unknown) => JSON.stringify(value) + '\n';
const insight = { kind: 'insight', record: { requestId: 'req_1', at: 1 } };
const saving = { kind: 'saving', record: { requestId: 'req_1', method: 'prompt_cache' } };

const rows: Array<{ name: string; contents: string | null; kinds: string[]; unreadable: number }> = [
  { name: 'no file', contents: null, kinds: [], unreadable: 0 },
  { name: 'empty file', contents: '', kinds: [], unreadable: 0 },
  { name: 'whole lines', contents: line(insight) + line(saving), kinds: ['insight', 'saving'], unreadable: 0 },
  { name: 'a write cut short by the crash', contents: line(insight) + '{"kind":"request","rec', kinds: ['insight'], unreadable: 1 },
  { name: 'an unknown kind', contents: line({ kind: 'mystery', record: {} }) + line(saving), kinds: ['saving'], unreadable: 1 },
  { name: 'a kind without a record', contents: line({ kind: 'request' }), kinds: [], unreadable: 1 },
  { name: 'rows as INSERT parameters', contents: line({ kind: 'request', row: ['req_1', 1] }) + line({ kind: 'saving', row: ['req_1'] }), kinds: ['request', 'saving'], unreadable: 0 },
  { name: 'a row that is not an array', contents: line({ kind: 'request', row: { id: 'req_1' } }), kinds: [], unreadable: 1 },
  { name: 'an insight as a row', contents: line({ kind: 'insight', row: ['req_1'] }), kinds: [], unreadable: 1 },
];

for (const row of rows) {
  test(`readJournal: ${row.name}`, () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchyard-journal-')), 'rows');
    if (row.contents !== null) writeFileSync(path, row.contents);
    const read = readJournal(path);
    assert.deepEqual(read.entries.map((e) => e.kind), row.kinds);
    assert.equal(read.unreadable, row.unreadable);
  });
}

test('RowJournal: added entries reach the file only on writeAdded, in one piece; clear starts over', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'switchyard-journal-')), 'rows');
  const journal = new RowJournal(path);
  const record = { requestId: 'req_1', at: 1 } as never;
  journal.addInsight(JSON.stringify(record));
  assert.equal(readFileSync(path, 'utf8'), '');
  journal.writeAdded();
  journal.writeAdded();
  assert.deepEqual(readJournal(path).entries, [{ kind: 'insight', record }]);
  journal.clear();
  assert.equal(readFileSync(path, 'utf8'), '');
  journal.addInsight(JSON.stringify(record));
  journal.clear();
  journal.writeAdded();
  assert.equal(readFileSync(path, 'utf8'), '', 'cleared entries are not written later');
  journal.close();
});

test('RowJournal: a journal left by a crash is cleared by the next owner once it has replayed it', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'switchyard-journal-')), 'rows');
  writeFileSync(path, line(insight));
  const journal = new RowJournal(path);
  journal.clear();
  assert.equal(readFileSync(path, 'utf8'), '');
  journal.close();
});

test('RowJournal: rows and insights read back exactly as they were added', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'switchyard-journal-')), 'rows');
  const journal = new RowJournal(path);
  const record = { requestId: 'req_1', at: 1, client: 'quote " and \\ backslash', toolOutputs: [{ command: 'git diff', chars: 12 }] } as never;
  const row = ['req_1', 1.5, null, 'line\nbreak ✓', 0];
  journal.addRow('request', row);
  journal.addInsight(JSON.stringify(record));
  journal.addRow('saving', row);
  journal.writeAdded();
  assert.deepEqual(readJournal(path).entries, [{ kind: 'request', row }, { kind: 'insight', record }, { kind: 'saving', row }]);
  journal.close();
});
