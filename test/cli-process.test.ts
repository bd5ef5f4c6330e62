// The CLI run as a process, the way a user or a script runs it: import-litellm whose output `serve` then
// loads and routes with, compress against the gateway's own forwarding, and output piped into `head`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.js'), ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
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
  assert.match(imported.stderr, /litellm_params\.rpm is kept only as a load-balancing weight/);
  assert.doesNotMatch(imported.stderr, /num_retries/);
  const text = readFileSync(join(dir, 'switchyard.json'), 'utf8');
  assert.deepEqual(JSON.parse(text).routes[0].retry, { attempts: 3 }, 'num_retries 2 is 2 retries: 3 attempts, loaded by serve below');
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

test('import-litellm of a model_list with nothing importable exits 1, says why and writes nothing', async () => {
  const dir = tempDir('litellm-none');
  writeFileSync(join(dir, 'config.yaml'), ['model_list:', '  - model_name: chat', '    litellm_params:', '      model: sagemaker/my-endpoint', ''].join('\n'));
  const imported = await runCli(['import-litellm', join(dir, 'config.yaml'), '-o', join(dir, 'switchyard.json')], SECRETS);
  assert.equal(imported.code, 1, imported.stderr);
  assert.match(imported.stderr, /nothing could be imported: none of the 1 model_list entries/);
  assert.match(imported.stderr, /model_list\[0\] \(chat\): provider prefix of "sagemaker\/my-endpoint" is not supported/);
  assert.ok(!existsSync(join(dir, 'switchyard.json')));
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

// The same tool outputs through `compress` and through a gateway with compression on: byte for byte
// what the upstream receives in the tool message.
const CARGO = Array.from({ length: 40 }, (_, i) => `test tests::case_${i} ... ok`).join('\n') + '\ntest tests::broken ... FAILED\n\ntest result: FAILED. 40 passed; 1 failed; 0 ignored\n';
const COMPRESS_ROWS: Array<{ name: string; command: string; output: string; shrinks: boolean }> = [
  { name: 'a known command (cargo test)', command: 'cargo test', output: CARGO, shrinks: true },
  { name: 'CRLF line endings', command: 'npm install', output: 'npm warn deprecated inflight@1.0.6: not supported\r\n'.repeat(60) + 'added 200 packages\r\n', shrinks: true },
  { name: 'a command the compressor does not know', command: 'frobnicate --all', output: 'step 1 done\n'.repeat(50) + 'error: disk full at /var/data\n', shrinks: true },
  { name: 'a file read (left unchanged)', command: 'cat src/main.rs', output: 'fn main() {}\n'.repeat(60), shrinks: false },
];

test('compress prints exactly what the gateway forwards for the same tool output', async () => {
  const gateway = await spawnGateway({
    providers: [{ id: 'oa', kind: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: SECRETS.OPENAI_API_KEY }],
    optimize: { compression: { enabled: true } },
  });
  try {
    for (const row of COMPRESS_ROWS) {
      const from = upstream.requests.length;
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'oa/m-large',
          messages: [
            { role: 'user', content: 'run it' },
            { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Bash', arguments: JSON.stringify({ command: row.command }) } }] },
            { role: 'tool', tool_call_id: 'c1', content: row.output },
          ],
        }),
      });
      assert.equal(res.status, 200, `${row.name}: ${await res.text()}`);
      const forwarded = upstream.requests.slice(from).find((r) => r.path === '/v1/chat/completions')!.body.messages[2].content;
      const cli = await runCli(['compress', '--command', row.command, '--tool', 'Bash'], {}, row.output);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(cli.stdout, forwarded, row.name);
      assert.equal(cli.stdout.length < row.output.length, row.shrinks, `${row.name}: ${cli.stdout.length} of ${row.output.length} chars`);
    }
  } finally {
    await gateway.stop();
  }
});
