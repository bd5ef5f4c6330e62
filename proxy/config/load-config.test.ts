import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfigText } from './load-config';

const rows: Array<{ name: string; file: string; text: string; maxBodyBytes?: number; problem?: RegExp }> = [
  { name: 'JSON', file: 'switchyard.json', text: '{"maxBodyBytes": 4100}', maxBodyBytes: 4100 },
  { name: 'YAML (.yaml)', file: 'switchyard.yaml', text: 'maxBodyBytes: 4101\n', maxBodyBytes: 4101 },
  { name: 'YAML (.yml, any case)', file: 'SWITCHYARD.YML', text: '# comment\nmaxBodyBytes: 4102\n', maxBodyBytes: 4102 },
  { name: 'an empty YAML file is an empty config', file: 'empty.yaml', text: '' },
  { name: 'broken YAML names the format', file: 'bad.yaml', text: 'maxBodyBytes: [4100\n', problem: /not valid YAML/ },
  { name: 'broken JSON names the format', file: 'bad.json', text: '{"maxBodyBytes": ', problem: /not valid JSON/ },
];

for (const row of rows) {
  test(`parseConfigText: ${row.name}`, async () => {
    if (row.problem) {
      await assert.rejects(parseConfigText(row.text, row.file), (err: unknown) => err instanceof ConfigError && row.problem!.test(err.message) && err.file === row.file);
      return;
    }
    const config = await parseConfigText(row.text, row.file);
    assert.equal(config.maxBodyBytes, row.maxBodyBytes);
  });
}
