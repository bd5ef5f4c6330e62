import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFamily } from './detect-family';
import { parseCommand } from './parse-command';

const byCommand: Array<{ command: string; output?: string; expected: string }> = [
  { command: 'git status', expected: 'git-status' },
  { command: 'git -C repo log -n 5', expected: 'git-log' },
  { command: 'git show HEAD', expected: 'git-log' },
  { command: 'git --no-pager diff HEAD~1', expected: 'git-diff' },
  { command: 'git blame src/a.ts', expected: 'git-blame' },
  { command: 'git grep -n foo', expected: 'search' },
  { command: 'git grep -l foo', expected: 'listing-paths' },
  { command: 'npx jest', expected: 'test-jest' },
  { command: 'npx vitest run', expected: 'test-vitest' },
  { command: 'npx mocha', expected: 'test-mocha' },
  { command: 'node --test', expected: 'test-node' },
  { command: 'pytest -v', expected: 'test-pytest' },
  { command: 'python -m unittest', expected: 'test-unittest' },
  { command: 'go test ./...', expected: 'test-go' },
  { command: 'cargo test', expected: 'test-cargo' },
  { command: 'cargo build', expected: 'compiler-rust' },
  { command: 'npx tsc --noEmit', expected: 'compiler-tsc' },
  { command: 'gcc -Wall -c a.c', expected: 'compiler-gcc' },
  { command: 'npx eslint src', expected: 'lint-eslint' },
  { command: 'npm install', expected: 'package-npm' },
  { command: 'npm view express --json', output: '{\n  "name": "express"\n}\n', expected: 'json' },
  { command: 'pip install -r requirements.txt', expected: 'package-pip' },
  { command: 'rg -n TODO', expected: 'search' },
  { command: 'grep -rl TODO .', expected: 'listing-paths' },
  { command: 'find . -name "*.ts"', expected: 'listing-paths' },
  { command: 'ls -la', expected: 'listing-ls' },
  { command: 'ls', expected: 'generic' },
  { command: 'tree src', expected: 'listing-tree' },
  { command: 'docker logs api', expected: 'logs' },
  { command: 'tail -n 100 /var/log/dpkg.log', expected: 'logs' },
  { command: 'curl -s https://api.example.com/x', output: '{"a":1}', expected: 'json' },
  { command: 'git log | grep fix', expected: 'generic' },
];

for (const c of byCommand) {
  test(`detectFamily from command: ${c.command}`, () => assert.equal(detectFamily(c.output ?? '', parseCommand(c.command)), c.expected));
}

const byOutput: Array<{ name: string; output: string; expected: string }> = [
  { name: 'npm test running jest', output: ' PASS  src/a.test.ts\n\nTest Suites: 1 passed, 1 total\n', expected: 'test-jest' },
  { name: 'npm test running vitest', output: '\n RUN  v1.6.0 /app\n\n ✓ a.test.ts (2 tests) 3ms\n', expected: 'test-vitest' },
  { name: 'mocha', output: '  Cart\n    ✔ adds\n\n  1 passing (5ms)\n', expected: 'test-mocha' },
  { name: 'pytest', output: '============================= test session starts ==============================\n', expected: 'test-pytest' },
  { name: 'node tap', output: 'TAP version 13\n# Subtest: a\nok 1 - a\n', expected: 'test-node' },
  { name: 'go test', output: '=== RUN   TestA\n--- PASS: TestA (0.00s)\nok  \tex.com/p\t0.01s\n', expected: 'test-go' },
  { name: 'tsc via npm run build', output: "src/a.ts(2,9): error TS2322: Type 'string' is not assignable to type 'number'.\n", expected: 'compiler-tsc' },
  { name: 'gcc via make', output: "buffer.c:18:10: error: 'struct buffer' has no member named 'capacity'\n", expected: 'compiler-gcc' },
  { name: 'git diff', output: 'diff --git a/a b/a\nindex 1..2\n', expected: 'git-diff' },
  { name: 'grep lines', output: 'src/a.ts:1:x\nsrc/b.ts:2:y\nsrc/c.ts:3:z\n', expected: 'search' },
  { name: 'timestamped log (not grep)', output: '2026-11-24 03:08:47,101 INFO a\n2026-11-24 03:08:48,101 INFO b\n2026-11-24 03:08:49,101 INFO c\n', expected: 'logs' },
  { name: 'JSON', output: '[\n  {"a": 1}\n]\n', expected: 'json' },
  { name: 'JSON after an npm warning', output: 'npm warn Unknown user config "nodedir".\n{\n  "name": "express"\n}\n', expected: 'json' },
  { name: 'npm error output that ends in a brace is not JSON', output: 'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope\n{ not json }\n', expected: 'package-npm' },
  { name: 'plain prose', output: 'Hello there.\nNothing to see.\n', expected: 'generic' },
];

for (const c of byOutput) {
  test(`detectFamily from output: ${c.name}`, () => assert.equal(detectFamily(c.output, null), c.expected));
}

test('detectFamily: npm test is recognised by its output', () => {
  assert.equal(detectFamily(' PASS  a.test.ts\nTest Suites: 1 passed, 1 total\n', parseCommand('npm test')), 'test-jest');
});
