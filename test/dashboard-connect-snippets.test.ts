// The exact settings the Connect page hands out, checked byte for byte where it matters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { buildToolGuides, KEY_PLACEHOLDER, maskSecret, normalizeGatewayUrl } from '../renderer/src/lib/connect-snippets';

const guides = buildToolGuides({ gatewayUrl: 'http://127.0.0.1:8787/', clientKey: 'sy-test-key', model: 'smart' });
const byId = (id: string) => {
  const guide = guides.find((g) => g.id === id);
  assert.ok(guide, id);
  return guide;
};
const code = (id: string) => byId(id).blocks.map((b) => b.code).join('\n');

test('normalizeGatewayUrl strips trailing slashes and /v1', () => {
  const rows = [
    { input: 'http://127.0.0.1:8787', expected: 'http://127.0.0.1:8787' },
    { input: 'http://127.0.0.1:8787/', expected: 'http://127.0.0.1:8787' },
    { input: 'http://127.0.0.1:8787/v1/', expected: 'http://127.0.0.1:8787' },
    { input: ' https://gw.example.com ', expected: 'https://gw.example.com' },
  ];
  for (const row of rows) assert.equal(normalizeGatewayUrl(row.input), row.expected);
});

test('every tool the issue names has a guide', () => {
  assert.deepEqual(guides.map((g) => g.id), ['claude-code', 'codex', 'cursor', 'aider', 'openai-sdk', 'anthropic-sdk', 'gemini-sdk']);
});

test('Claude Code: Anthropic base URL is the gateway root, token is the client key', () => {
  const text = code('claude-code');
  assert.match(text, /^export ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:8787$/m);
  assert.match(text, /^export ANTHROPIC_AUTH_TOKEN=sy-test-key$/m);
});

test('Codex: a responses-API model provider at /v1 reading the key from env', () => {
  const toml = byId('codex').blocks[0].code;
  assert.match(toml, /^model_provider = "switchyard"$/m);
  assert.match(toml, /^\[model_providers\.switchyard\]$/m);
  assert.match(toml, /^base_url = "http:\/\/127\.0\.0\.1:8787\/v1"$/m);
  assert.match(toml, /^wire_api = "responses"$/m);
  assert.match(toml, /^env_key = "SWITCHYARD_API_KEY"$/m);
  assert.match(byId('codex').blocks[1].code, /^export SWITCHYARD_API_KEY=sy-test-key$/m);
});

test('Cursor: OpenAI base URL override ends in /v1', () => {
  const blocks = byId('cursor').blocks;
  assert.equal(blocks.find((b) => b.label === 'Override OpenAI Base URL')?.code, 'http://127.0.0.1:8787/v1');
  assert.equal(blocks.find((b) => b.label === 'OpenAI API Key')?.code, 'sy-test-key');
});

test('Aider: --openai-api-base and OPENAI_API_KEY', () => {
  const text = code('aider');
  assert.match(text, /^export OPENAI_API_KEY=sy-test-key$/m);
  assert.match(text, /--openai-api-base http:\/\/127\.0\.0\.1:8787\/v1 --model openai\/smart/);
});

test('SDKs: OpenAI at /v1, Anthropic and Gemini at the root', () => {
  assert.match(code('openai-sdk'), /baseURL: 'http:\/\/127\.0\.0\.1:8787\/v1'/);
  assert.match(code('openai-sdk'), /base_url="http:\/\/127\.0\.0\.1:8787\/v1"/);
  assert.match(code('anthropic-sdk'), /baseURL: 'http:\/\/127\.0\.0\.1:8787'/);
  assert.match(code('anthropic-sdk'), /base_url="http:\/\/127\.0\.0\.1:8787"/);
  assert.match(code('gemini-sdk'), /httpOptions: \{ baseUrl: 'http:\/\/127\.0\.0\.1:8787' \}/);
});

test('without a key every guide shows the placeholder, never an empty value', () => {
  const bare = buildToolGuides({ gatewayUrl: 'http://127.0.0.1:1', clientKey: null, model: '' });
  for (const guide of bare) {
    const text = guide.blocks.map((b) => b.code).join('\n');
    if (guide.id !== 'gemini-sdk' || text.includes('apiKey')) assert.ok(text.includes(KEY_PLACEHOLDER), guide.id);
    assert.ok(!/=\s*$/m.test(text), `${guide.id} has an empty assignment`);
  }
  assert.match(bare.find((g) => g.id === 'aider')!.blocks[0].code, /--model openai\/smart/);
});

test('maskSecret shows a recognisable, unusable form of a key', () => {
  const rows = [
    { input: 'sy-ci-e2e-0123456789abcdef', expected: 'sy-c••••cdef' },
    { input: '  sy-short-key1 ', expected: 'sy-s••••key1' },
    { input: 'short', expected: '••••••••' },
    { input: '123456789012', expected: '••••••••' },
  ];
  for (const row of rows) assert.equal(maskSecret(row.input), row.expected, row.input);
});

// A model id comes from a route name or the upstream's own model list: whatever it holds, the pasted
// snippet must carry it as one value — run by a real shell, read by Python's own TOML and literal
// parsers, and by a JavaScript engine — and never run or set anything else.
const HOSTILE_MODELS = [
  `m'; touch /tmp/pwned-snippet; echo '`,
  'm"\nbase_url = "http://evil.example/v1"\n#',
  'm$(touch /tmp/pwned-snippet)`id`\\',
  "m\\'\"\\\"; x",
];

test('hostile model names stay one quoted value in every snippet language', () => {
  for (const model of HOSTILE_MODELS) {
    const hostile = buildToolGuides({ gatewayUrl: 'http://127.0.0.1:8787', clientKey: "sy-key'$(id)", model });
    const block = (id: string, language: string) => hostile.find((g) => g.id === id)!.blocks.find((b) => b.language === language)!.code;

    const claude = block('claude-code', 'shell').replace(/\nclaude$/, '');
    const shell = execFileSync('/bin/sh', ['-c', `${claude}\nprintf '%s\\n%s' "$ANTHROPIC_AUTH_TOKEN" "$ANTHROPIC_MODEL"`], { encoding: 'utf8' });
    assert.equal(shell, `sy-key'$(id)\n${model}`, 'shell');
    const aider = block('aider', 'shell').replace(/^aider /m, 'printf "%s|" ');
    assert.equal(execFileSync('/bin/sh', ['-c', aider], { encoding: 'utf8' }), `--openai-api-base|http://127.0.0.1:8787/v1|--model|openai/${model}|`, 'aider');

    const toml = JSON.parse(execFileSync('python3', ['-c', 'import sys, json, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: block('codex', 'toml'), encoding: 'utf8' }));
    assert.equal(toml.model, model, 'toml');
    assert.equal(toml.model_providers.switchyard.base_url, 'http://127.0.0.1:8787/v1', 'toml base_url untouched');

    const python = block('openai-sdk', 'python').match(/model=(.*),\n/)![1]!;
    assert.equal(execFileSync('python3', ['-c', 'import sys, ast; sys.stdout.write(ast.literal_eval(sys.stdin.read()))'], { input: python, encoding: 'utf8' }), model, 'python');

    const ts = block('anthropic-sdk', 'ts').match(/model: (.*),\n/)![1]!;
    assert.equal(runInNewContext(ts), model, 'typescript');
  }
  assert.equal(existsSync('/tmp/pwned-snippet'), false);
});
