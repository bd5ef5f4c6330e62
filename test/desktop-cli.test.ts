// `switchyard desktop` as `npm start` runs it on a machine without the Electron binary or a display:
// one line saying why, then the headless gateway with the desktop's first-run credentials.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { freePort, REPO_ROOT, tempDir } from './helpers/spawn-gateway';

test('desktop falls back to the headless gateway in one line, with a working client key', async () => {
  const dataDir = tempDir('desktop');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHYARD_KEY_STORE: 'file', SWITCHYARD_MASTER_KEY: 'desktop cli test passphrase' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'switchyard.js'), 'desktop', '--port', String(port), '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 15_000;
    while (!/Client key: (\S+)/.test(stdout)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no startup: ${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const clientKey = /Client key: (\S+)/.exec(stdout)![1];
    const ourLines = stderr.split('\n').filter((line) => line.startsWith('switchyard desktop:'));
    assert.equal(ourLines.length, 1, stderr);
    assert.match(ourLines[0], /^switchyard desktop: (the Electron binary is not installed|no display).*; running the headless gateway instead$/);
    const url = `http://127.0.0.1:${port}`;
    assert.match(stdout, new RegExp(`Switchyard gateway on ${url}`));
    assert.equal((await fetch(`${url}/health`)).status, 200);
    assert.equal((await fetch(`${url}/v1/models`)).status, 401);
    assert.equal((await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${clientKey}` } })).status, 200);
    const token = /#token=(\S+)/.exec(stdout)![1];
    assert.equal((await fetch(`${url}/api/profile`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.deepEqual(fs.readdirSync(dataDir).filter((f) => !f.startsWith('switchyard.db')).sort(), ['config.json', 'keys.enc.json']);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
