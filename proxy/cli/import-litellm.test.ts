import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LITELLM_CONFIG_FIXTURE as FIXTURE } from '../litellm/fixtures/fixture-paths';
import { runImportLitellmCommand } from './import-litellm';

function capture(cwd: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  return { out, io: { cwd, env, stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

test('-o writes the converted config and stderr lists what was not mapped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-import-'));
  const { out, io } = capture(dir);
  assert.equal(await runImportLitellmCommand([FIXTURE, '-o', 'out.json'], io), 0);
  const config = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
  assert.equal(config.adminToken, 'env:LITELLM_MASTER_KEY');
  assert.equal(config.providers.length, 10);
  assert.equal(out.stdout, '');
  assert.match(out.stderr, /Wrote .*out\.json: 10 providers, 9 routes\./);
  assert.match(out.stderr, /Not mapped \(\d+\):\n {2}- /);
  assert.match(out.stderr, /COMPANY_LLM_BASE is not set in this environment/);
});

test('without -o the config goes to stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-import-'));
  const { out, io } = capture(dir, { COMPANY_LLM_BASE: 'https://llm.corp.example/v1' });
  assert.equal(await runImportLitellmCommand([FIXTURE], io), 0);
  assert.equal(JSON.parse(out.stdout).routes[0].name, 'gpt-4o');
});

test('YAML merge keys (<<: *anchor) are honoured as LiteLLM\'s PyYAML does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-import-'));
  writeFileSync(
    join(dir, 'anchors.yaml'),
    [
      'x-openai: &openai_defaults',
      '  api_key: os.environ/OPENAI_API_KEY',
      '  api_base: https://proxy.corp.example/v1',
      'model_list:',
      '  - model_name: gpt-4o',
      '    litellm_params:',
      '      <<: *openai_defaults',
      '      model: openai/gpt-4o',
      '  - model_name: gpt-4o-mini',
      '    litellm_params: { <<: *openai_defaults, model: openai/gpt-4o-mini }',
      '',
    ].join('\n'),
  );
  const { out, io } = capture(dir);
  assert.equal(await runImportLitellmCommand(['anchors.yaml'], io), 0);
  assert.deepEqual(JSON.parse(out.stdout).providers, [
    { id: 'openai', kind: 'openai', baseUrl: 'https://proxy.corp.example/v1', apiKey: 'env:OPENAI_API_KEY', models: ['gpt-4o', 'gpt-4o-mini'] },
  ]);
  assert.doesNotMatch(out.stderr, /<</);
});

test('include: files are read next to the including config, as LiteLLM does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-import-'));
  mkdirSync(join(dir, 'litellm'));
  writeFileSync(join(dir, 'litellm', 'parent.yaml'), 'include:\n  - models.yaml\nlitellm_settings:\n  drop_params: true\n');
  writeFileSync(join(dir, 'litellm', 'models.yaml'), 'model_list:\n  - model_name: fast\n    litellm_params: { model: groq/llama-3.3-70b-versatile, api_key: os.environ/GROQ_API_KEY }\n');
  const { out, io } = capture(dir);
  assert.equal(await runImportLitellmCommand(['litellm/parent.yaml'], io), 0, out.stderr);
  const config = JSON.parse(out.stdout);
  assert.deepEqual(config.routes, [{ name: 'fast', strategy: 'fallback', targets: ['groq/llama-3.3-70b-versatile'] }]);
  assert.match(out.stderr, /litellm_settings\.drop_params/);
  assert.doesNotMatch(out.stderr, /include/);

  writeFileSync(join(dir, 'litellm', 'broken.yaml'), 'include: nowhere.yaml\n');
  const missing = capture(dir);
  assert.equal(await runImportLitellmCommand(['litellm/broken.yaml'], missing.io), 1);
  assert.match(missing.out.stderr, /cannot read .*litellm\/nowhere\.yaml/);
});

const FAIL_ROWS = [
  { name: 'no input file', args: [], code: 2, message: /which LiteLLM config file/ },
  { name: 'a missing file', args: ['nope.yaml'], code: 1, message: /cannot read .*nope\.yaml/ },
  { name: '-o without a name', args: ['x.yaml', '-o'], code: 2, message: /-o needs a file name/ },
  { name: 'an unknown option', args: ['x.yaml', '--force'], code: 2, message: /unknown option "--force"/ },
  { name: 'invalid YAML', args: ['bad.yaml'], code: 1, message: /not valid YAML/ },
  { name: 'YAML that is not a LiteLLM config', args: ['other.yaml'], code: 1, message: /no "model_list"/ },
  { name: '-o naming the input file', args: ['ok.yaml', '-o', './ok.yaml'], code: 2, message: /-o \.\/ok\.yaml would overwrite the LiteLLM config it reads/ },
  { name: 'a directory as the input', args: ['.'], code: 1, message: /cannot read .*EISDIR/ },
  { name: '-o into a folder that does not exist', args: ['ok.yaml', '-o', 'missing/out.json'], code: 1, message: /^switchyard import-litellm: cannot write .*missing\/out\.json: ENOENT/ },
  { name: '-o naming a directory', args: ['ok.yaml', '-o', '.'], code: 1, message: /^switchyard import-litellm: cannot write .*: EISDIR/ },
  { name: 'a model_list with nothing importable', args: ['none.yaml', '-o', 'out.json'], code: 1, message: /none\.yaml: nothing could be imported: none of the 1 model_list entries .*\n {2}- model_list\[0\] \(m\): provider prefix of "sagemaker\/x" is not supported/ },
];
for (const row of FAIL_ROWS) {
  test(`import-litellm refuses ${row.name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-import-'));
    writeFileSync(join(dir, 'bad.yaml'), 'model_list: [unclosed\n');
    writeFileSync(join(dir, 'other.yaml'), 'services:\n  web: {}\n');
    writeFileSync(join(dir, 'ok.yaml'), 'model_list:\n  - model_name: m\n    litellm_params: { model: openai/gpt-4o }\n');
    writeFileSync(join(dir, 'none.yaml'), 'model_list:\n  - model_name: m\n    litellm_params: { model: sagemaker/x }\n');
    const { out, io } = capture(dir);
    assert.equal(await runImportLitellmCommand(row.args, io), row.code);
    assert.match(out.stderr, row.message);
    assert.match(readFileSync(join(dir, 'ok.yaml'), 'utf8'), /^model_list:/, 'the input is never overwritten');
    assert.ok(row.code === 0 || !existsSync(join(dir, 'out.json')), 'a failed import writes no config');
  });
}
