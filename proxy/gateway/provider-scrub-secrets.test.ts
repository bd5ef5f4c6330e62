import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../config/load-config';
import { buildRuntime } from './runtime';

const env = { ALPHA_KEY: 'sk-alpha-0123456789', APIM_KEY: 'apim-secret-0123456789' };

const rows: Array<{ name: string; headers: Record<string, string>; scrubbed: string[]; kept: string[] }> = [
  { name: 'a header read from env: is scrubbed like the key', headers: { 'Ocp-Apim-Subscription-Key': 'env:APIM_KEY' }, scrubbed: ['sk-alpha-0123456789', 'apim-secret-0123456789'], kept: [] },
  { name: 'a literal header value is no secret', headers: { 'X-Team': 'search-and-ranking' }, scrubbed: ['sk-alpha-0123456789'], kept: ['search-and-ranking'] },
  { name: 'both at once', headers: { 'X-Team': 'search-and-ranking', 'Helicone-Auth': 'env:APIM_KEY' }, scrubbed: ['sk-alpha-0123456789', 'apim-secret-0123456789'], kept: ['search-and-ranking'] },
];

for (const row of rows) {
  test(`provider scrub list: ${row.name}`, async () => {
    const text = JSON.stringify({ providers: [{ id: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'env:ALPHA_KEY', headers: row.headers }] });
    const runtime = buildRuntime(await parseConfigText(text, 'switchyard.json', { env }), null);
    const secrets = runtime.providers.get('alpha')!.scrubSecrets;
    assert.deepEqual([...secrets].sort(), [...row.scrubbed].sort());
    for (const value of row.kept) assert.ok(!secrets.includes(value), value);
  });
}
