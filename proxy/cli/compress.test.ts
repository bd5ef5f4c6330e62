import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { runCompressCommand } from './compress';
import { compressToolOutput } from '../optimize/compress/compress-tool-output';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const LOG = Array.from({ length: 30 }, (_, i) => `test tests::case_${i} ... ok`).join('\n') + '\ntest tests::broken ... FAILED\n\ntest result: FAILED. 30 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n';

const cases: Array<{ name: string; args: string[]; input: string; code: number; stdout: (input: string) => string; stderr?: RegExp }> = [
  { name: 'prints what the gateway forwards', args: ['--command', 'cargo test'], input: LOG, code: 0, stdout: (input) => compressToolOutput(input, { command: 'cargo test' }).text },
  { name: '--command=value form', args: ['--command=cargo test'], input: LOG, code: 0, stdout: (input) => compressToolOutput(input, { command: 'cargo test' }).text },
  { name: 'a file read passes through unchanged', args: ['--command', 'cat src/lib.rs'], input: LOG, code: 0, stdout: (input) => input },
  { name: 'short outputs pass through unchanged', args: ['--command', 'cargo test'], input: 'test a ... ok\ntest b ... ok\ntest c ... ok\n', code: 0, stdout: (input) => input },
  { name: '--stats reports on stderr only', args: ['--command', 'cargo test', '--stats'], input: LOG, code: 0, stdout: (input) => compressToolOutput(input, { command: 'cargo test' }).text, stderr: /family=test-cargo reducer=\S+ before=\d+ after=\d+ chars/ },
  { name: 'unknown flag is a usage error', args: ['--bogus'], input: '', code: 2, stdout: () => '', stderr: /unknown argument: --bogus/ },
  { name: '--command without a value is a usage error', args: ['--command'], input: '', code: 2, stdout: () => '', stderr: /--command needs a value/ },
];

for (const c of cases) {
  test(`switchyard compress: ${c.name}`, async () => {
    const out = sink();
    const err = sink();
    const code = await runCompressCommand(c.args, Readable.from([Buffer.from(c.input)]), out.stream, err.stream);
    assert.equal(code, c.code);
    assert.equal(out.text(), c.stdout(c.input));
    if (c.stderr) assert.match(err.text(), c.stderr);
    else assert.equal(err.text(), '');
  });
}

test('switchyard compress: the failing test and the summary survive', async () => {
  const out = sink();
  await runCompressCommand(['--command', 'cargo test'], Readable.from([LOG]), out.stream, sink().stream);
  assert.match(out.text(), /test tests::broken \.\.\. FAILED/);
  assert.match(out.text(), /test result: FAILED\. 30 passed; 1 failed/);
  assert.match(out.text(), /\[… 30 passed tests folded\]/);
});

test('switchyard compress: at a terminal it says it is waiting for input, on stderr only', async () => {
  const out = sink();
  const err = sink();
  const terminal = Object.assign(Readable.from([Buffer.from('short output\n')]), { isTTY: true });
  assert.equal(await runCompressCommand(['--command', 'ls'], terminal, out.stream, err.stream), 0);
  assert.equal(out.text(), 'short output\n');
  assert.match(err.text(), /paste the tool output, then Ctrl-D/);
});
