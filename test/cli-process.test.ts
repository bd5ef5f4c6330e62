// The CLI run as a process, the way a user or a script runs it: import-litellm whose output `serve` then
// loads and routes with, compress against the gateway's own forwarding, and output piped into `head`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/fake-openai';
import { REPO_ROOT, spawnGateway, tempDir } from './helpers/spawn-gateway';

const SECRETS = { OPENAI_API_KEY: 'sk-live-import-0123456789', GATEWAY_KEY: 'gw-live-import-0123456789', LITELLM_MASTER_KEY: 'sk-master-import-0123456789' };

let upstream: FakeOpenAI;
before(async () => {
  upstream = await startFakeOpenAI({ apiKey: SECRETS.OPENAI_API_KEY });
});
after(async () => {
  await upstream?.close();
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.js'), ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('an imported LiteLLM config is accepted by serve and forwards with its key and extra headers', async () => {
  const dir = tempDir('litellm');
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'model_list:',
      '  - model_name: chat',
      '    litellm_params:',
      '      model: openai/m-large',
      `      api_base: ${upstream.url}/v1`,
      '      api_key: os.environ/OPENAI_API_KEY',
      '      extra_headers:',
      '        X-Gateway-Key: os.environ/GATEWAY_KEY',
      '      rpm: 600',
      'router_settings:',
      '  num_retries: 2',
      'general_settings:',
      '  master_key: os.environ/LITELLM_MASTER_KEY',
      '',
    ].join('\n'),
  );
  const imported = await runCli(['import-litellm', join(dir, 'config.yaml'), '-o', join(dir, 'switchyard.json')], SECRETS);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stdout, '');
  assert.match(imported.stderr, /litellm_params\.rpm has no Switchyard equivalent/);
  assert.match(imported.stderr, /router_settings\.num_retries has no Switchyard equivalent/);
  const text = readFileSync(join(dir, 'switchyard.json'), 'utf8');
  for (const value of Object.values(SECRETS)) assert.ok(!text.includes(value), 'no secret from the environment is written out');
  assert.ok(!imported.stderr.includes(SECRETS.GATEWAY_KEY));

  const gateway = await spawnGateway(JSON.parse(text), { env: SECRETS });
  try {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('x-switchyard-target'), 'openai/m-large');
    const sent = upstream.requests.at(-1)!;
    assert.equal(sent.headers.authorization, `Bearer ${SECRETS.OPENAI_API_KEY}`);
    assert.equal(sent.headers['x-gateway-key'], SECRETS.GATEWAY_KEY, 'the header env reference was resolved, not sent as "env:GATEWAY_KEY"');
  } finally {
    assert.equal(await gateway.stop(), 0);
  }
});

test('output piped into a reader that stops early (| head) ends quietly, without a stack trace', async () => {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.js'), 'providers', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Like `| head -c 100` when head has exited before the catalog is written: the pipe is closed.
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
