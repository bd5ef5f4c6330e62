import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeCompressedItems } from './summarize-compressed-items';

const item = (callId: string, command: string | undefined, beforeChars = 1000, afterChars = 100) => ({ callId, ...(command === undefined ? {} : { command }), family: 'npm', beforeChars, afterChars });

const rows = [
  {
    name: 'totals count only the outputs compression shortened',
    input: [item('c1', 'npm install'), item('c2', 'ls', 50, 50)],
    expected: { outputs: 1, beforeChars: 1000, afterChars: 100, commands: [{ callId: 'c1', command: 'npm install', family: 'npm', beforeChars: 1000, afterChars: 100 }] },
  },
  {
    name: 'a result without a command lists null',
    input: [item('c1', undefined)],
    expected: { outputs: 1, beforeChars: 1000, afterChars: 100, commands: [{ callId: 'c1', command: null, family: 'npm', beforeChars: 1000, afterChars: 100 }] },
  },
  {
    name: 'a megabyte command and a long call id are kept by their start',
    input: [item('i'.repeat(5000), `npm install ${'y'.repeat(1024 * 1024)}`)],
    expected: { outputs: 1, beforeChars: 1000, afterChars: 100, commands: [{ callId: `${'i'.repeat(100)}…`, command: `npm install ${'y'.repeat(188)}…`, family: 'npm', beforeChars: 1000, afterChars: 100 }] },
  },
];

for (const row of rows) {
  test(`summarizeCompressedItems: ${row.name}`, () => assert.deepEqual(summarizeCompressedItems(row.input), row.expected));
}

test('summarizeCompressedItems: at most 20 outputs are listed, all are counted', () => {
  const summary = summarizeCompressedItems(Array.from({ length: 30 }, (_, i) => item(`c${i}`, 'npm test')));
  assert.equal(summary.outputs, 30);
  assert.equal((summary.commands as unknown[]).length, 20);
});
