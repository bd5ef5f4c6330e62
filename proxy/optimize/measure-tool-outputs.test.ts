import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../formats/canonical';
import { commandKey, measureToolOutputs } from './measure-tool-outputs';

const keys = [
  { input: 'npm install', expected: 'npm install' },
  { input: `${'p'.repeat(5000)} run`, expected: 'p'.repeat(120) },
  { input: 'cd app && npx jest src/a.test.ts', expected: 'jest' },
  { input: 'git diff HEAD~1 -- src', expected: 'git diff' },
  { input: 'FOO=1 npm test', expected: 'npm test' },
  { input: undefined, expected: '(Bash)' },
];
for (const row of keys) {
  test(`command key: ${row.input?.slice(0, 40)}`, () => assert.equal(commandKey(row.input, 'Bash'), row.expected));
}

test('command key: a megabyte tool name (no command) is cut short like a command', () => {
  assert.equal(commandKey(undefined, 'T'.repeat(1024 * 1024)), `(${'T'.repeat(120)})`);
});

test('tool output characters add up per command across the history', () => {
  const call = (id: string, command: string) => ({ type: 'tool_call' as const, id, name: 'Bash', arguments: JSON.stringify({ command }) });
  const result = (callId: string, text: string) => ({ type: 'tool_result' as const, callId, content: [{ type: 'text' as const, text }] });
  const request: CanonicalRequest = {
    model: 'm', stream: false,
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', parts: [call('a', 'npm test'), call('b', 'git status')] },
      { role: 'user', parts: [result('a', 'x'.repeat(100)), result('b', 'y'.repeat(10))] },
      { role: 'assistant', parts: [call('c', 'npm test -- --watch=false')] },
      { role: 'user', parts: [result('c', 'z'.repeat(50))] },
    ],
  };
  assert.deepEqual(measureToolOutputs(request), [{ command: 'npm test', chars: 150 }, { command: 'git status', chars: 10 }]);
});
