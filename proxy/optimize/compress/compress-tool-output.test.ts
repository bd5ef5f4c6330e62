import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compressToolOutput } from './compress-tool-output';
import { isFileTool, looksLikeNumberedFile } from './file-reads';

test('compressToolOutput: never throws and never grows the output, for any text and command', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 2000 }), fc.option(fc.string({ maxLength: 80 })), (output, command) => {
      const result = compressToolOutput(output, command === null ? {} : { command });
      assert.ok(result.text.length <= output.length);
      assert.equal(result.changed, result.text !== output);
    }),
    { numRuns: 300 },
  );
});

test('compressToolOutput: lines that look like errors survive random surrounding noise', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('ok', 'ok', '', '  at x (/n/node_modules/p/a.js:1:1)', '\x1b[32mgreen\x1b[0m', 'progress 10%\r 50%\r100%'), { maxLength: 60 }), fc.nat(60), (noise, at) => {
      const error = 'src/app.ts:12:5 - error TS2304: Cannot find name "foo".';
      const lines: string[] = [...noise];
      lines.splice(Math.min(at, lines.length), 0, error);
      const result = compressToolOutput(lines.join('\n'), { command: 'npm run build' });
      assert.ok(result.text.includes(error));
    }),
    { numRuns: 200 },
  );
});

test('compressToolOutput: a numbered file view is a file read whatever the tool', () => {
  const view = Array.from({ length: 30 }, (_, i) => `${String(i + 1).padStart(6)}→line ${i}`).join('\n');
  assert.equal(compressToolOutput(view, {}).family, 'file-read');
  assert.equal(compressToolOutput(view, {}).text, view);
});

test('compressToolOutput: file reads by command are returned unchanged', () => {
  const content = 'a\na\na\na\n\x1b[31mred\x1b[0m\n';
  for (const command of ['cat a.txt', "sed -n '1,20p' a.txt", 'head -n 50 a.txt', 'git show HEAD:a.txt']) {
    const result = compressToolOutput(content, { command });
    assert.equal(result.text, content, command);
    assert.equal(result.family, 'file-read');
  }
});

test('compressToolOutput: an internal failure returns the input unchanged', () => {
  const hostile = { toString: () => { throw new Error('boom'); } } as unknown as string;
  const result = compressToolOutput(hostile, { command: 'git diff' });
  assert.equal(result.text, hostile);
  assert.equal(result.changed, false);
});

test('compressToolOutput: generic output only gets lossless steps', () => {
  const output = `Starting\n\x1b[1mBuilding\x1b[0m\n${'connection refused, retrying\n'.repeat(8)}Done   \n`;
  const result = compressToolOutput(output, { command: 'make' });
  assert.equal(result.family, 'generic');
  assert.equal(result.text, 'Starting\nBuilding\nconnection refused, retrying\n[… line above repeated 7 more times]\nDone\n');
});

const toolNames: Array<[string, boolean]> = [
  ['Read', true], ['read_file', true], ['mcp__filesystem__read_text_file', true], ['view', true], ['str_replace_based_edit_tool', true], ['Edit', true], ['MultiEdit', true], ['Write', true], ['apply_patch', true], ['read_many_files', true],
  ['Bash', false], ['shell', false], ['run_shell_command', false], ['Grep', false], ['exec_command', false],
];
for (const [name, expected] of toolNames) {
  test(`isFileTool(${name}) is ${expected}`, () => assert.equal(isFileTool(name), expected));
}

test('looksLikeNumberedFile: cat -n and Read output yes, grep output no', () => {
  assert.equal(looksLikeNumberedFile('     1\tconst a = 1;\n     2\tconst b = 2;\n     3\t}\n'), true);
  assert.equal(looksLikeNumberedFile('src/a.ts:1:x\nsrc/a.ts:2:y\nsrc/a.ts:3:z\n'), false);
});

// Inputs built to trip quadratic regexes (long runs without the character a pattern waits for).
const hostile: Array<{ name: string; output: string; command?: string }> = [
  { name: 'one 3 MB line of spaces', output: `${' '.repeat(3_000_000)}x` },
  { name: 'a 5 MB minified line from curl', output: 'var a=1;'.repeat(700_000), command: 'curl -s http://x/app.min.js' },
  { name: 'a 5 MB grep match', output: `a.js:1:${'var a=1;'.repeat(700_000)}\n`, command: 'grep -n var a.js' },
  { name: 'colons without line numbers', output: 'a:'.repeat(1_000_000), command: 'grep -rn a .' },
  { name: 'eslint-like line with many double spaces', output: `  1:1 ${'x  '.repeat(200_000)}y\n`, command: 'npx eslint .' },
  { name: 'a stack frame of parentheses', output: `    at ${'('.repeat(1_000_000)}\n`, command: 'node x.js' },
  { name: 'a blame-like line that never closes', output: `abcdef1 (${'x'.repeat(1_000_000)}\n` },
  { name: 'a pytest-like rule line', output: `=== ${'passed '.repeat(200_000)}\n` },
  { name: 'a huge command line full of heredoc markers', output: 'x\n'.repeat(1000), command: `cat ${'<<'.repeat(300_000)}` },
  { name: 'a long author line', output: `commit ${'a'.repeat(40)}\nAuthor: ${'<'.repeat(500_000)}\n`, command: 'git log' },
];

for (const h of hostile) {
  test(`compressToolOutput: linear on hostile input — ${h.name}`, () => {
    const start = process.hrtime.bigint();
    compressToolOutput(h.output, h.command ? { command: h.command } : {});
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
  });
}
