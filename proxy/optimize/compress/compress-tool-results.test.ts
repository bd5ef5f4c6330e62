// compressToolResults on requests shaped as each client format decodes them: Anthropic (tool_use /
// tool_result blocks), Chat Completions (assistant tool_calls + role:"tool" messages, carried as
// tool_result parts in a user message) and Responses (function_call / function_call_output).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../../formats/canonical';
import { compressToolResults } from './compress-tool-results';
import { readToolCall, joinArgv } from './read-tool-call';
import { createToolOutputCache } from './tool-output-cache';

const passing = Array.from({ length: 40 }, (_, i) => `    ✓ case ${i} (${i % 7} ms)`).join('\n');
const JEST = ` FAIL  src/cart.test.ts\n  Cart\n${passing}\n    ✕ applies discount codes (4 ms)\n\n  ● Cart › applies discount codes\n\n    Expected: 90\n    Received: 100\n\n      at Object.<anonymous> (src/cart.test.ts:14:34)\n\nTests:       1 failed, 40 passed, 41 total\n`;
const FILE = Array.from({ length: 60 }, (_, i) => `const value${i} = ${i}; // ${'x'.repeat(i % 5)}`).join('\n');

function anthropicShaped(): CanonicalRequest {
  return {
    model: 'smart',
    stream: false,
    system: [{ type: 'text', text: 'You are a coding agent.' }],
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'Run the tests and read the file.' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Running them.' },
          { type: 'tool_call', id: 'toolu_1', name: 'Bash', arguments: JSON.stringify({ command: 'cd app && npx jest', description: 'run tests' }) },
          { type: 'tool_call', id: 'toolu_2', name: 'Read', arguments: JSON.stringify({ file_path: '/app/src/cart.ts' }) },
        ],
      },
      {
        role: 'user',
        parts: [
          { type: 'tool_result', callId: 'toolu_1', content: [{ type: 'text', text: JEST }], isError: true },
          { type: 'tool_result', callId: 'toolu_2', content: [{ type: 'text', text: FILE }] },
          { type: 'text', text: JEST },
        ],
      },
    ],
  };
}

test('compressToolResults (Anthropic shape): the Bash result shrinks, the Read result and user text do not', () => {
  const request = anthropicShaped();
  const before = JSON.stringify(request);
  const { request: out, items } = compressToolResults(request);
  assert.equal(JSON.stringify(request), before, 'input mutated');
  const parts = out.messages[2].parts;
  const bash = parts[0];
  assert.equal(bash.type, 'tool_result');
  if (bash.type !== 'tool_result' || bash.content[0].type !== 'text') throw new Error('shape');
  assert.ok(bash.content[0].text.length < JEST.length);
  for (const fact of ['✕ applies discount codes', 'Expected: 90', 'Received: 100', 'src/cart.test.ts:14:34', 'Tests:       1 failed, 40 passed, 41 total', '[… 40 passing tests folded]']) {
    assert.ok(bash.content[0].text.includes(fact), fact);
  }
  assert.equal(bash.isError, true);
  assert.deepEqual(parts[1], request.messages[2].parts[1], 'file read changed');
  assert.deepEqual(parts[2], { type: 'text', text: JEST }, 'user text changed');
  assert.deepEqual(items.map((i) => ({ callId: i.callId, command: i.command, family: i.family })), [
    { callId: 'toolu_1', command: 'cd app && npx jest', family: 'test-jest' },
    { callId: 'toolu_2', command: undefined, family: 'file-read' },
  ]);
  assert.ok(items[0].afterChars < items[0].beforeChars);
  assert.equal(items[1].afterChars, items[1].beforeChars);
  // Unchanged messages keep their identity: nothing is copied that need not be.
  assert.equal(out.messages[0], request.messages[0]);
  assert.equal(out.messages[1], request.messages[1]);
});

test('compressToolResults (Chat shape): role:"tool" results found by tool_call_id, function arguments as JSON', () => {
  const request: CanonicalRequest = {
    model: 'alpha/m-large',
    stream: true,
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'check types' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_abc', name: 'run_terminal_cmd', arguments: '{"command":"npx tsc --noEmit","is_background":false}' }] },
      {
        role: 'user',
        parts: [{ type: 'tool_result', callId: 'call_abc', content: [{ type: 'text', text: Array.from({ length: 30 }, (_, i) => `src/h${i}.ts(2,9): error TS2322: Type 'string' is not assignable to type 'number'.`).join('\n') }] }],
      },
    ],
  };
  const { request: out, items } = compressToolResults(request);
  assert.equal(items[0].family, 'compiler-tsc');
  const result = out.messages[2].parts[0];
  if (result.type !== 'tool_result' || result.content[0].type !== 'text') throw new Error('shape');
  assert.ok(result.content[0].text.includes('— at 30 locations:'));
  for (let i = 0; i < 30; i++) assert.ok(result.content[0].text.includes(`src/h${i}.ts(2,9)`));
});

test('compressToolResults (Responses shape): Codex shell argv and function_call_output', () => {
  const diff = ['diff --git a/a.ts b/a.ts', 'index 1111111..2222222 100644', '--- a/a.ts', '+++ b/a.ts', '@@ -1,30 +1,30 @@', ...Array.from({ length: 14 }, (_, i) => ` line ${i}`), '-old', '+new', ...Array.from({ length: 14 }, (_, i) => ` tail ${i}`)].join('\n');
  const request: CanonicalRequest = {
    model: 'smart',
    stream: false,
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'what changed?' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'fc_1', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', 'git diff'], workdir: '/repo' }) }] },
      { role: 'user', parts: [{ type: 'tool_result', callId: 'fc_1', content: [{ type: 'text', text: diff }] }] },
    ],
  };
  const { request: out, items } = compressToolResults(request, { minChars: 100 });
  assert.equal(items[0].command, 'git diff');
  assert.equal(items[0].family, 'git-diff');
  const result = out.messages[2].parts[0];
  if (result.type !== 'tool_result' || result.content[0].type !== 'text') throw new Error('shape');
  assert.ok(result.content[0].text.includes('-old\n+new'));
  assert.ok(result.content[0].text.includes('@@ -1,30 +1,30 @@'));
});

test('compressToolResults: short outputs, unknown calls and a later call id are left alone', () => {
  const request: CanonicalRequest = {
    model: 'm',
    stream: false,
    messages: [
      { role: 'user', parts: [{ type: 'tool_result', callId: 'later', content: [{ type: 'text', text: JEST }] }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'later', name: 'Read', arguments: '{}' }] },
      { role: 'user', parts: [{ type: 'tool_result', callId: 'x', content: [{ type: 'text', text: 'ok' }] }] },
    ],
  };
  const { request: out, items } = compressToolResults(request, { minChars: 100 });
  // The first result precedes its call, so the Read tool is unknown there: it is compressed by output.
  assert.equal(items.length, 1);
  assert.equal(items[0].family, 'test-jest');
  assert.equal(out.messages[2], request.messages[2]);
  assert.equal(compressToolResults(request, { minChars: 1_000_000 }).request, request);
});

test('compressToolResults: Codex JSON-wrapped shell output is compressed inside, the wrapper kept', () => {
  const wrapped = JSON.stringify({ output: JEST, metadata: { exit_code: 1, duration_seconds: 2.5 } });
  const request: CanonicalRequest = {
    model: 'm',
    stream: false,
    messages: [
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', 'npx jest'] }) }] },
      { role: 'user', parts: [{ type: 'tool_result', callId: 'c1', content: [{ type: 'text', text: wrapped }] }] },
    ],
  };
  const { request: out } = compressToolResults(request);
  const part = out.messages[1].parts[0];
  if (part.type !== 'tool_result' || part.content[0].type !== 'text') throw new Error('shape');
  const value = JSON.parse(part.content[0].text) as { output: string; metadata: unknown };
  assert.deepEqual(Object.keys(value), ['output', 'metadata']);
  assert.deepEqual(value.metadata, { exit_code: 1, duration_seconds: 2.5 });
  assert.ok(value.output.length < JEST.length);
  assert.ok(value.output.includes('Expected: 90') && value.output.includes('[… 40 passing tests folded]'));
});

const argCases: Array<{ name: string; call: { name: string; arguments: string }; expected: { toolName: string; command?: string } }> = [
  { name: 'Claude Code Bash', call: { name: 'Bash', arguments: '{"command":"git status","description":"x"}' }, expected: { toolName: 'Bash', command: 'git status' } },
  { name: 'Codex shell argv', call: { name: 'shell', arguments: '{"command":["bash","-lc","npm test"]}' }, expected: { toolName: 'shell', command: 'npm test' } },
  { name: 'plain argv', call: { name: 'exec', arguments: '{"command":["git","log","--format=%H %s"]}' }, expected: { toolName: 'exec', command: "git log '--format=%H %s'" } },
  { name: 'Codex exec_command cmd', call: { name: 'exec_command', arguments: '{"cmd":"pytest -q"}' }, expected: { toolName: 'exec_command', command: 'pytest -q' } },
  { name: 'command + args', call: { name: 'run', arguments: '{"command":"git","args":["diff","--stat"]}' }, expected: { toolName: 'run', command: 'git diff --stat' } },
  { name: 'Grep tool, default mode lists files', call: { name: 'Grep', arguments: '{"pattern":"process.env","path":"."}' }, expected: { toolName: 'Grep', command: 'rg -l process.env' } },
  { name: 'Grep tool, content mode', call: { name: 'Grep', arguments: '{"pattern":"process.env","output_mode":"content","-n":true}' }, expected: { toolName: 'Grep', command: 'rg -n process.env' } },
  { name: 'broken JSON', call: { name: 'Bash', arguments: '{"command":' }, expected: { toolName: 'Bash' } },
];
for (const c of argCases) {
  test(`readToolCall: ${c.name}`, () => assert.deepEqual(readToolCall({ type: 'tool_call', id: '1', ...c.call }), c.expected));
}

test('joinArgv: quotes words that need it', () => {
  assert.equal(joinArgv(['grep', '-rn', "it's here", 'src']), `grep -rn 'it'\\''s here' src`);
  assert.equal(joinArgv([1, 2]), undefined);
});

test('compressToolResults: a shared cache returns the same request for resent history', () => {
  const cache = createToolOutputCache();
  const first = compressToolResults(anthropicShaped(), { cache });
  const sizeAfterFirst = cache.size;
  assert.ok(sizeAfterFirst > 0);
  const second = compressToolResults(anthropicShaped(), { cache });
  assert.deepEqual(second.request, first.request);
  assert.deepEqual(second.items, first.items);
  assert.equal(cache.size, sizeAfterFirst, 'a hit must not grow the cache');
});

test('createToolOutputCache: least recently used entries go when the budget is full', () => {
  const cache = createToolOutputCache(30);
  const result = { text: 'x', family: 'generic' as const, reducer: 'none', changed: false };
  cache.set('aaaaaaaaaa', result);
  cache.set('bbbbbbbbbb', result);
  cache.get('aaaaaaaaaa');
  cache.set('cccccccccc', result);
  cache.set('dddddddddd', result);
  assert.ok(cache.get('aaaaaaaaaa'));
  assert.equal(cache.get('bbbbbbbbbb'), undefined);
  assert.ok(cache.size <= 30);
});
