import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { deriveEncryptionKey, loadMasterKey, parseMasterKey, resolveMasterKeySource } from './master-key';

const RAW = Buffer.alloc(32, 7);

test('parseMasterKey reads hex, base64, base64url and passphrases', () => {
  const rows = [
    { name: 'hex', input: RAW.toString('hex'), expected: { kind: 'raw', key: RAW } },
    { name: 'base64', input: RAW.toString('base64'), expected: { kind: 'raw', key: RAW } },
    { name: 'base64 with newline', input: `${RAW.toString('base64')}\n`, expected: { kind: 'raw', key: RAW } },
    { name: 'base64url', input: Buffer.alloc(32, 0xfb).toString('base64url'), expected: { kind: 'raw', key: Buffer.alloc(32, 0xfb) } },
    { name: 'passphrase', input: 'correct horse battery staple', expected: { kind: 'passphrase', passphrase: 'correct horse battery staple' } },
    { name: '63 hex digits is a passphrase', input: 'a'.repeat(63), expected: { kind: 'passphrase', passphrase: 'a'.repeat(63) } },
  ];
  for (const row of rows) assert.deepEqual(parseMasterKey(row.input, 'test'), row.expected, row.name);
});

test('parseMasterKey refuses short passphrases, naming the origin', () => {
  assert.throws(() => parseMasterKey('short', 'SWITCHYARD_MASTER_KEY'), /SWITCHYARD_MASTER_KEY is too short/);
});

test('resolveMasterKeySource prefers the variable, then the key file variable, then <dataDir>/master.key', () => {
  const rows = [
    { name: 'inline', env: { SWITCHYARD_MASTER_KEY: 'x'.repeat(20), SWITCHYARD_MASTER_KEY_FILE: '/k' }, expected: 'x'.repeat(20) },
    { name: 'file variable', env: { SWITCHYARD_MASTER_KEY_FILE: '/etc/sy.key' }, expected: { file: '/etc/sy.key', createIfMissing: false, origin: 'SWITCHYARD_MASTER_KEY_FILE' } },
    { name: 'default', env: {}, expected: { file: path.join('/data', 'master.key'), createIfMissing: true } },
  ];
  for (const row of rows) assert.deepEqual(resolveMasterKeySource(row.env, '/data'), row.expected, row.name);
});

test('loadMasterKey creates a 0600 key file only when asked to', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-mk-'));
  const file = path.join(dir, 'nested', 'master.key');
  assert.equal(loadMasterKey({ file, createIfMissing: true }, false), undefined);
  assert.equal(fs.existsSync(file), false);
  const created = loadMasterKey({ file, createIfMissing: true }, true);
  assert.equal(created?.kind, 'raw');
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadMasterKey({ file, createIfMissing: true }, true), created, 'second load reads the same key');
  assert.throws(() => loadMasterKey({ file: path.join(dir, 'absent'), createIfMissing: false, origin: 'SWITCHYARD_MASTER_KEY_FILE' }, true), /does not exist/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('deriveEncryptionKey stretches passphrases per salt and keeps raw keys', async () => {
  const a = await deriveEncryptionKey({ kind: 'passphrase', passphrase: 'a long enough passphrase' }, Buffer.alloc(16, 1));
  const b = await deriveEncryptionKey({ kind: 'passphrase', passphrase: 'a long enough passphrase' }, Buffer.alloc(16, 2));
  assert.equal(a.length, 32);
  assert.notDeepEqual(a, b);
  assert.deepEqual(await deriveEncryptionKey({ kind: 'raw', key: RAW }, Buffer.alloc(16)), RAW);
});
