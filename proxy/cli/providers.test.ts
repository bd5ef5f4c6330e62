import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../providers/catalog';
import { runProvidersCommand } from './providers';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

test('--json prints every catalog entry with id, name, format, baseUrl, auth and a model count', async () => {
  const { out, io } = capture();
  assert.equal(await runProvidersCommand(['--json'], io), 0);
  const list = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
  assert.equal(list.length, CATALOG.length);
  assert.ok(list.length >= 40);
  for (const item of list) {
    for (const field of ['id', 'name', 'format', 'baseUrl', 'auth']) assert.equal(typeof item[field], 'string', `${String(item.id)}.${field}`);
    assert.equal(item.modelCount, (item.models as unknown[]).length);
  }
  const bedrock = list.find((p) => p.id === 'bedrock');
  assert.deepEqual([bedrock?.format, bedrock?.auth], ['bedrock', 'aws-sigv4']);
  assert.equal(out.stderr, '');
});

test('the table has a header, one row per provider and a footer', async () => {
  const { out, io } = capture();
  assert.equal(await runProvidersCommand([], io), 0);
  const lines = out.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID\s+NAME\s+FORMAT\s+AUTH\s+MODELS\s+BASE URL$/);
  assert.ok(lines.some((l) => /^groq\s+Groq\s+openai\s+bearer\s+\d+\+\s+https:\/\/api\.groq\.com\/openai\/v1$/.test(l)), out.stdout);
  assert.match(out.stdout, new RegExp(`${CATALOG.length} providers`));
});

test('an unknown argument is a usage error', async () => {
  const { out, io } = capture();
  assert.equal(await runProvidersCommand(['--yaml'], io), 2);
  assert.match(out.stderr, /unknown argument "--yaml"/);
});
