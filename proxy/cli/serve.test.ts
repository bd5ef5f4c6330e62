import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServeCommand } from './serve';

// Each of these must be refused before anything starts: none may fall back to defaults.
const rows: Array<{ name: string; args: string[]; env?: Record<string, string>; problem: RegExp }> = [
  { name: 'a typo\'d flag', args: ['--confg', 'prod.json'], problem: /unknown argument "--confg"/ },
  { name: 'a typo\'d flag with =', args: ['--prot=8080'], problem: /unknown argument "--prot"/ },
  { name: 'a stray positional', args: ['prod.json'], problem: /unknown argument "prod.json"/ },
  { name: 'an empty --config=', args: ['--config='], problem: /--config needs a value/ },
  { name: 'an empty --port=', args: ['--port='], problem: /--port needs a value/ },
  { name: 'a port out of range', args: ['--port', '70000'], problem: /--port must be a whole number/ },
  { name: 'a hexadecimal port', args: ['--port', '0x10'], problem: /--port must be a whole number from 0 to 65535, not "0x10"/ },
  { name: 'a port in exponent notation', args: ['--port=1e4'], problem: /--port must be a whole number from 0 to 65535, not "1e4"/ },
  { name: 'a padded port', args: ['--port', ' 80'], problem: /--port must be a whole number/ },
  { name: 'a hexadecimal $SWITCHYARD_PORT', args: [], env: { SWITCHYARD_PORT: '0x1F90' }, problem: /--port must be a whole number from 0 to 65535, not "0x1F90"/ },
  { name: '--port with nothing after it', args: ['--port'], problem: /^switchyard serve: --port needs a value/ },
  { name: '--config followed by another flag', args: ['--config', '--port', '8080'], problem: /--config needs a value/ },
];

for (const row of rows) {
  test(`serve refuses ${row.name}`, async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: { SWITCHYARD_HOME: '/nonexistent/switchyard-home', ...row.env } };
    assert.equal(await runServeCommand(row.args, io), 2);
    assert.match(err, row.problem);
  });
}

for (const flag of ['--help', '-h']) {
  test(`serve ${flag} prints its usage and starts nothing`, async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: { SWITCHYARD_HOME: '/nonexistent/switchyard-home' } };
    assert.equal(await runServeCommand([flag], io), 0);
    assert.match(out, /^usage: switchyard serve \[--config FILE\]/);
    assert.match(out, /--key-store/);
  });
}

test('serve on a port already in use says so and exits 1', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => (err += d));
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-serve-busy-'));
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: { SWITCHYARD_MASTER_KEY: 'a test passphrase that is long' } };
  try {
    assert.equal(await runServeCommand(['--port', String(port), '--data-dir', dataDir, '--key-store', 'file'], io), 1);
    assert.match(err, new RegExp(`^switchyard: cannot start: 127\\.0\\.0\\.1:${port} is already in use \\(another gateway\\?\\); choose another --port\\n$`));
  } finally {
    taken.close();
  }
});
