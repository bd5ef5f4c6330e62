import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createFileKeyStore } from './file-key-store';
import { openKeyStore } from './key-store';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sy-fks-'));
}

const HEX_KEY = Buffer.alloc(32, 3).toString('hex');

test('file store round-trips values and lists names only', async () => {
  const dir = tempDir();
  const store = createFileKeyStore({ path: path.join(dir, 'keys.enc.json'), masterKey: HEX_KEY });
  assert.deepEqual(await store.list(), []);
  assert.equal(await store.get('alpha'), undefined);
  await store.set('beta', 'sk-beta-ünïcode');
  await store.set('alpha', 'sk-alpha');
  await store.set('alpha', 'sk-alpha-2');
  assert.deepEqual(await store.list(), ['alpha', 'beta']);
  assert.equal(await store.get('alpha'), 'sk-alpha-2');
  assert.equal(await store.get('beta'), 'sk-beta-ünïcode');
  const raw = fs.readFileSync(path.join(dir, 'keys.enc.json'), 'utf8');
  assert.ok(!raw.includes('sk-alpha') && !raw.includes('sk-beta'), 'no plaintext on disk');
  if (process.platform !== 'win32') assert.equal(fs.statSync(path.join(dir, 'keys.enc.json')).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(dir), ['keys.enc.json'], 'no temp files left behind');
  assert.equal(await store.delete('alpha'), true);
  assert.equal(await store.delete('alpha'), false);
  assert.deepEqual(await store.list(), ['beta']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every entry gets its own IV, and entries cannot be swapped between names', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'keys.enc.json');
  const store = createFileKeyStore({ path: file, masterKey: HEX_KEY });
  await store.set('one', 'same-secret');
  await store.set('two', 'same-secret');
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.notEqual(data.entries.one.iv, data.entries.two.iv);
  assert.notEqual(data.entries.one.data, data.entries.two.data);
  data.entries.two = data.entries.one;
  fs.writeFileSync(file, JSON.stringify(data));
  const reopened = createFileKeyStore({ path: file, masterKey: HEX_KEY });
  assert.equal(await reopened.get('one'), 'same-secret');
  await assert.rejects(reopened.get('two'), /failed authentication/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a wrong master key is refused before anything is read or written', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'keys.enc.json');
  await createFileKeyStore({ path: file, masterKey: 'first passphrase, long enough' }).set('a', 'secret-a');
  const wrong = createFileKeyStore({ path: file, masterKey: 'second passphrase, long enough' });
  await assert.rejects(wrong.get('a'), /does not open/);
  await assert.rejects(wrong.set('b', 'x'), /does not open/);
  const right = createFileKeyStore({ path: file, masterKey: 'first passphrase, long enough' });
  assert.deepEqual(await right.list(), ['a']);
  assert.equal(await right.get('a'), 'secret-a');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('concurrent writes from one process are all kept', async () => {
  const dir = tempDir();
  const store = createFileKeyStore({ path: path.join(dir, 'k.json'), masterKey: HEX_KEY });
  await Promise.all(Array.from({ length: 12 }, (_, i) => store.set(`k${i}`, `v${i}`)));
  assert.equal((await store.list()).length, 12);
  assert.equal(await store.get('k7'), 'v7');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('corrupt files and bad names give clear errors', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'k.json');
  const store = createFileKeyStore({ path: file, masterKey: HEX_KEY });
  const rows = [
    { name: 'not json', content: '{', expected: /not valid JSON/ },
    { name: 'unknown version', content: '{"version":9}', expected: /unknown layout/ },
  ];
  for (const row of rows) {
    fs.writeFileSync(file, row.content);
    await assert.rejects(store.list(), row.expected, row.name);
  }
  await assert.rejects(store.set('../etc/passwd', 'x'), /invalid key name/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('openKeyStore("file") creates <dataDir>/master.key on first write and reuses it', async () => {
  const dir = tempDir();
  const store = openKeyStore('file', dir, { env: {} });
  assert.deepEqual(await store.list(), []);
  assert.equal(fs.existsSync(path.join(dir, 'master.key')), false, 'reading creates nothing');
  await store.set('p', 'secret');
  assert.ok(fs.existsSync(path.join(dir, 'master.key')));
  assert.equal(await openKeyStore('file', dir, { env: {} }).get('p'), 'secret');
  await assert.rejects(openKeyStore('file', dir, { env: { SWITCHYARD_MASTER_KEY: HEX_KEY } }).get('p'), /does not open/);
  fs.rmSync(dir, { recursive: true, force: true });
});
