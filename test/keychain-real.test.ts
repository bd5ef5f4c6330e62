// The OS keychain for real: keytar against the freedesktop Secret Service (gnome-keyring) on a
// private D-Bus session. Run the suite under:
//   dbus-run-session -- sh -c 'export XDG_DATA_HOME=$(mktemp -d); echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; node --test dist/test/keychain-real.test.js'
// (the throwaway XDG_DATA_HOME keeps a keyring left in ~/.local/share/keyrings, with another password, out of it)
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { test } from 'node:test';
import { createKeychainStore } from '../proxy/keys/keychain-store';
import { startFakeOpenAI } from './fakes/fake-openai';
import { spawnGateway } from './helpers/spawn-gateway';

const HOW_TO_RUN =
  "keychain-real needs a D-Bus session with an unlocked Secret Service. Run it as: dbus-run-session -- sh -c 'export XDG_DATA_HOME=$(mktemp -d); echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; node --test dist/test/keychain-real.test.js' (packages: dbus, gnome-keyring, libsecret-tools)";

const hasSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const repoRoot = path.resolve(__dirname, '..', '..');

/** Reads an entry with libsecret's own CLI, so the test does not trust keytar to check itself. */
function lookupWithSecretTool(account: string): string | undefined {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'Switchyard', 'account', account], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

function runCli(args: string[], stdin: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'switchyard.js'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('keychain-real: a D-Bus session with the Secret Service is available', () => {
  assert.ok(hasSession, HOW_TO_RUN);
});

test('keychain-real: keytar stores under service Switchyard, account NAME', { skip: !hasSession && 'see the failure above' }, async () => {
  const store = createKeychainStore();
  const name = `sy-test-${randomBytes(4).toString('hex')}`;
  const secret = `sk-${randomBytes(12).toString('hex')}`;
  await store.set(name, secret);
  try {
    assert.equal(await store.get(name), secret);
    assert.ok((await store.list()).includes(name));
    assert.equal(lookupWithSecretTool(name), secret, 'secret-tool sees the same entry');
  } finally {
    assert.equal(await store.delete(name), true);
  }
  assert.equal(await store.get(name), undefined);
  assert.equal(lookupWithSecretTool(name), undefined);
  assert.equal(await store.delete(name), false);
});

test('keychain-real: keys set → serve with keychain:NAME → the upstream sees exactly that key', { skip: !hasSession && 'see the failure above' }, async () => {
  const name = `sy-e2e-${randomBytes(4).toString('hex')}`;
  const secret = `sk-e2e-${randomBytes(16).toString('hex')}`;
  const set = await runCli(['keys', 'set', name], `${secret}\n`);
  assert.equal(set.code, 0, set.stderr);
  assert.ok(!set.stdout.includes(secret) && !set.stderr.includes(secret), 'keys set never echoes the secret');
  assert.equal(lookupWithSecretTool(name), secret, 'the keychain holds exactly the piped secret, newline stripped');

  const listed = await runCli(['keys', 'list'], '');
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok(listed.stdout.split('\n').includes(name));
  assert.ok(!listed.stdout.includes(secret), 'keys list prints names only');

  const upstream = await startFakeOpenAI({ apiKey: secret, models: ['m-large'] });
  const gateway = await spawnGateway({
    providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: `keychain:${name}` }],
  });
  try {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'alpha/m-large', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(upstream.requests.length, 1);
    assert.equal(upstream.requests[0].headers.authorization, `Bearer ${secret}`);
    assert.ok(!gateway.output().includes(secret), 'the gateway never logs the key');
  } finally {
    await gateway.stop();
    await upstream.close();
    const deleted = await runCli(['keys', 'delete', name], '');
    assert.equal(deleted.code, 0, deleted.stderr);
  }
  assert.equal(lookupWithSecretTool(name), undefined, 'keys delete removed it from the keychain');
});

test('keychain-real: serve names the missing key when keychain:NAME is not stored', { skip: !hasSession && 'see the failure above' }, async () => {
  const name = `sy-missing-${randomBytes(4).toString('hex')}`;
  await assert.rejects(
    spawnGateway({ providers: [{ id: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: `keychain:${name}` }] }),
    new RegExp(`providers\\[0\\]\\.apiKey: key ${name} is not in the key store \\(add it with: switchyard keys set ${name}\\)`),
  );
});

test('keychain-real: a key rotated with keys set while serve runs is used from the next request, without a restart', { skip: !hasSession && 'see the failure above' }, async () => {
  const name = `sy-rotate-${randomBytes(4).toString('hex')}`;
  const revoked = `sk-old-${randomBytes(16).toString('hex')}`;
  const rotated = `sk-new-${randomBytes(16).toString('hex')}`;
  const stored = await runCli(['keys', 'set', name], `${revoked}\n`);
  assert.equal(stored.code, 0, stored.stderr);
  // The provider already revoked the old key: it accepts only the new one.
  const upstream = await startFakeOpenAI({ apiKey: rotated, models: ['m-large'] });
  const gateway = await spawnGateway({
    providers: [{ id: 'alpha', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: `keychain:${name}` }],
  });
  const ask = () => fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'alpha/m-large', messages: [{ role: 'user', content: 'hi' }] }),
  });
  try {
    const refused = await ask();
    assert.equal(refused.status, 502);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'upstream_key_refused');
    // A person reading the error and rotating the key takes longer than the gateway's one-second
    // pause between key-store lookups for a refusing provider.
    await new Promise((r) => setTimeout(r, 1_100));
    const rotate = await runCli(['keys', 'set', name], `${rotated}\n`);
    assert.equal(rotate.code, 0, rotate.stderr);

    for (const round of [1, 2]) {
      const res = await ask();
      assert.equal(res.status, 200, `request ${round} after the rotation: ${await res.clone().text()}`);
    }
    const last = upstream.requests.at(-1)!;
    assert.equal(last.headers.authorization, `Bearer ${rotated}`);
    assert.equal(upstream.requests.filter((r) => r.headers.authorization === `Bearer ${rotated}`).length, 2, 'each request after the rotation reached the provider once, with the new key');
    const output = gateway.output();
    assert.ok(!output.includes(revoked) && !output.includes(rotated), 'neither key is ever logged');
  } finally {
    await gateway.stop();
    await upstream.close();
    await runCli(['keys', 'delete', name], '');
  }
});
