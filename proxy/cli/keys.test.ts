import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { runKeysCommand } from './keys';

interface Run { code: number; stdout: string; stderr: string }

async function run(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runKeysCommand(args, {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { SWITCHYARD_MASTER_KEY: 'a test passphrase that is long', ...env },
  });
  return { code, stdout, stderr };
}

test('keys set / list / delete against the file store', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-cli-keys-'));
  const common = ['--store', 'file', '--data-dir', dir];
  assert.deepEqual(await run(['set', 'alpha', ...common], 'sk-alpha-123\n'), { code: 0, stdout: '', stderr: 'stored alpha in the encrypted key file\n' });
  assert.equal((await run([`--store=file`, `--data-dir=${dir}`, 'set', 'beta'], 'sk-beta\r\n')).code, 0);
  const listed = await run(['list', ...common]);
  assert.deepEqual(listed, { code: 0, stdout: 'alpha\nbeta\n', stderr: '' });
  assert.ok(!listed.stdout.includes('sk-'), 'list never prints values');
  const { openKeyStore } = await import('../keys/key-store');
  const store = openKeyStore('file', dir, { env: { SWITCHYARD_MASTER_KEY: 'a test passphrase that is long' } });
  assert.equal(await store.get('alpha'), 'sk-alpha-123', 'one trailing newline stripped');
  assert.equal(await store.get('beta'), 'sk-beta');
  assert.equal((await run(['delete', 'alpha', ...common])).code, 0);
  const again = await run(['delete', 'alpha', ...common]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /no key named alpha/);
  assert.equal((await run(['list', ...common])).stdout, 'beta\n');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('keys: usage errors exit 2 with a message', async () => {
  const rows = [
    { name: 'secret on argv', args: ['set', 'alpha', 'sk-leaked', '--store', 'file'], expected: /never from the command line/ },
    { name: 'missing name', args: ['set', '--store', 'file'], expected: /needs a NAME/ },
    { name: 'bad name', args: ['delete', 'a/b', '--store', 'file'], expected: /invalid key name/ },
    { name: 'a name starting with a dot', args: ['set', '.hidden', '--store', 'file'], expected: /invalid key name "\.hidden": use 1-128 characters .* starting with a letter or digit/ },
    { name: 'a name over 128 characters', args: ['delete', 'k'.repeat(129), '--store', 'file'], expected: /invalid key name "k+": use 1-128 characters/ },
    { name: 'unknown store', args: ['list', '--store', 'vault'], expected: /unknown store "vault"/ },
    { name: 'unknown command', args: ['show', 'x', '--store', 'file'], expected: /unknown command "show"/ },
    { name: 'unknown flag', args: ['list', '--force'], expected: /unknown option --force/ },
    { name: 'flag without value', args: ['list', '--store'], expected: /--store needs a value/ },
    { name: 'no command', args: [], expected: /usage: switchyard keys/ },
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-cli-keys-'));
  for (const row of rows) {
    const result = await run([...row.args, '--data-dir', dir], 'x');
    assert.equal(result.code, 2, row.name);
    assert.match(result.stderr, row.expected, row.name);
    assert.ok(!result.stderr.includes('sk-leaked'), 'the rejected secret is not echoed');
  }
  const empty = await run(['set', 'alpha', '--store', 'file', '--data-dir', dir], '\n');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no secret on stdin/);
  assert.equal((await run(['--help'])).code, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('keys: SWITCHYARD_KEY_STORE picks the default store; store failures exit 1', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-cli-keys-'));
  await run(['set', 'alpha', '--data-dir', dir], 'v', { SWITCHYARD_KEY_STORE: 'file' });
  assert.equal((await run(['list', '--data-dir', dir], '', { SWITCHYARD_KEY_STORE: 'file' })).stdout, 'alpha\n');
  const wrongKey = await run(['list', '--data-dir', dir, '--store', 'file'], '', { SWITCHYARD_MASTER_KEY: 'f'.repeat(64) });
  assert.equal(wrongKey.code, 0, 'listing names needs no key');
  const wrongGet = await run(['set', 'beta', '--data-dir', dir, '--store', 'file'], 'v', { SWITCHYARD_MASTER_KEY: 'f'.repeat(64) });
  assert.equal(wrongGet.code, 1);
  assert.match(wrongGet.stderr, /does not open/);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A terminal on stdin: raw mode on, each write arriving as one chunk (a keystroke or a paste). */
function fakeTerminal(typed: string): NodeJS.ReadableStream & { isTTY: boolean; setRawMode(mode: boolean): void } {
  const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (_mode: boolean) => undefined });
  setImmediate(() => tty.write(typed));
  return tty;
}

const TERMINAL_ROWS: Array<{ name: string; typed: string; code: number; stored?: string; stderr: RegExp }> = [
  { name: 'a typed key and Enter', typed: 'sk-typed-123\r', code: 0, stored: 'sk-typed-123', stderr: /stored alpha/ },
  { name: 'a pasted key with its line break', typed: 'sk-pasted-123\n', code: 0, stored: 'sk-pasted-123', stderr: /stored alpha/ },
  { name: 'a multi-line paste (service-account JSON)', typed: '{\n  "type": "service_account"\n}\n', code: 1, stderr: /spans several lines; pipe it in instead/ },
  { name: 'Ctrl-C', typed: '\u0003', code: 1, stderr: /^Secret for alpha \(input hidden\): \nswitchyard keys: cancelled; nothing stored\n$/ },
];
for (const row of TERMINAL_ROWS) {
  test(`keys set at a terminal: ${row.name}`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-cli-keys-'));
    const env = { SWITCHYARD_MASTER_KEY: 'a test passphrase that is long' };
    let stderr = '';
    const code = await runKeysCommand(['set', 'alpha', '--store', 'file', '--data-dir', dir], { stdin: fakeTerminal(row.typed), stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env });
    assert.equal(code, row.code, stderr);
    assert.match(stderr, row.stderr);
    const { openKeyStore } = await import('../keys/key-store');
    assert.equal(await openKeyStore('file', dir, { env }).get('alpha'), row.stored, 'nothing but the whole secret is ever stored');
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
