import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../config/schema';
import { GatewayError } from '../errors';
import { buildRuntime, resolveModel } from './runtime';

const runtime = buildRuntime(configSchema.parse({
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-test' }],
  routes: [{ name: 'smart', strategy: 'fallback', targets: ['alpha/m-large'] }],
}), null);

const rows: Array<{ name: string; input: string; expected: { targets: string[] } | { kind: string; code: string } }> = [
  { name: 'a route by name', input: 'smart', expected: { targets: ['alpha/m-large'] } },
  { name: 'a direct address', input: 'alpha/m-small', expected: { targets: ['alpha/m-small'] } },
  { name: 'a direct address with a tag and a Latin-1 letter', input: 'alpha/llama3:8b-é', expected: { targets: ['alpha/llama3:8b-é'] } },
  { name: 'an unknown provider', input: 'omega/m', expected: { kind: 'not_found', code: 'model_not_found' } },
  { name: 'neither a route nor an address', input: 'nope', expected: { kind: 'not_found', code: 'model_not_found' } },
  { name: 'a NUL in the model', input: 'alpha/m\u0000x', expected: { kind: 'invalid_request', code: 'invalid_model' } },
  { name: 'a line break in the model', input: 'alpha/m\r\nx-injected: 1', expected: { kind: 'invalid_request', code: 'invalid_model' } },
  { name: 'a tab in the model', input: 'alpha/m\tx', expected: { kind: 'invalid_request', code: 'invalid_model' } },
  { name: 'a DEL in the model', input: 'alpha/m\u007f', expected: { kind: 'invalid_request', code: 'invalid_model' } },
  { name: 'a character beyond Latin-1', input: 'alpha/模型', expected: { kind: 'invalid_request', code: 'invalid_model' } },
  { name: 'a long address (a Bedrock inference-profile ARN)', input: `alpha/arn:aws:bedrock:us-east-1:123456789012:inference-profile/${'x'.repeat(400)}`, expected: { targets: [`alpha/arn:aws:bedrock:us-east-1:123456789012:inference-profile/${'x'.repeat(400)}`] } },
  { name: 'a megabyte address: it could not travel in x-switchyard-target', input: `alpha/${'x'.repeat(1024 * 1024)}`, expected: { kind: 'invalid_request', code: 'invalid_model' } },
  { name: 'a megabyte unknown name', input: 'y'.repeat(1024 * 1024), expected: { kind: 'invalid_request', code: 'invalid_model' } },
];

for (const row of rows) {
  test(`resolveModel: ${row.name}`, () => {
    const run = () => resolveModel(runtime, row.input);
    if ('targets' in row.expected) {
      assert.deepEqual(run().targets.map((t) => t.ref), row.expected.targets);
      return;
    }
    const expected = row.expected;
    assert.throws(run, (err: unknown) => err instanceof GatewayError && err.kind === expected.kind && err.code === expected.code);
  });
}
