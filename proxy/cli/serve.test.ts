import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { runServeCommand } from './serve';

// Each of these must be refused before anything starts: none may fall back to defaults.
const rows: Array<{ name: string; args: string[]; problem: RegExp }> = [
  { name: 'a typo\'d flag', args: ['--confg', 'prod.json'], problem: /unknown argument "--confg"/ },
  { name: 'a typo\'d flag with =', args: ['--prot=8080'], problem: /unknown argument "--prot"/ },
  { name: 'a stray positional', args: ['prod.json'], problem: /unknown argument "prod.json"/ },
  { name: 'an empty --config=', args: ['--config='], problem: /--config needs a value/ },
  { name: 'an empty --port=', args: ['--port='], problem: /--port needs a value/ },
  { name: 'a port out of range', args: ['--port', '70000'], problem: /--port must be a whole number/ },
];

for (const row of rows) {
  test(`serve refuses ${row.name}`, async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: { SWITCHYARD_HOME: '/nonexistent/switchyard-home' } };
    assert.equal(await runServeCommand(row.args, io), 2);
    assert.match(err, row.problem);
  });
}
