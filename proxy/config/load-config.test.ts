import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfigText, validateConfig } from './load-config';

const rows: Array<{ name: string; file: string; text: string; maxBodyBytes?: number; problem?: RegExp; hidden?: string }> = [
  { name: 'JSON', file: 'switchyard.json', text: '{"maxBodyBytes": 4100}', maxBodyBytes: 4100 },
  { name: 'YAML (.yaml)', file: 'switchyard.yaml', text: 'maxBodyBytes: 4101\n', maxBodyBytes: 4101 },
  { name: 'YAML (.yml, any case)', file: 'SWITCHYARD.YML', text: '# comment\nmaxBodyBytes: 4102\n', maxBodyBytes: 4102 },
  { name: 'an empty YAML file is an empty config', file: 'empty.yaml', text: '' },
  { name: 'broken YAML names the format', file: 'bad.yaml', text: 'maxBodyBytes: [4100\n', problem: /not valid YAML/ },
  { name: 'broken JSON names the format', file: 'bad.json', text: '{"maxBodyBytes": ', problem: /not valid JSON/ },
  { name: 'broken YAML: the line is named, the lines are not quoted (a literal key may sit there)', file: 'key.yaml', text: 'providers:\n  - id: a\n    apiKey: sk-live-yamlsecret-0123\n   bad: [\n', problem: /not valid YAML: .*line 4, column 1$/, hidden: 'yamlsecret' },
  { name: 'broken JSON: no excerpt of the file is quoted', file: 'key.json', text: '{"providers": [{"id": "a", "apiKey": jsonsecret-0123}]}', problem: /not valid JSON: Unexpected token/, hidden: 'jsonsecret' },
  { name: 'a YAML file of comments only is an empty config', file: 'comments.yaml', text: '# nothing yet\n' },
  { name: 'JSON null is not a config', file: 'null.json', text: 'null\n', problem: /null\.json: \(top level\): .*expected object, received null/ },
  { name: 'a JSON array is not a config', file: 'list.json', text: '[]', problem: /list\.json: \(top level\): .*expected object, received array/ },
];

test('parseConfigText: YAML merge keys share provider settings', async () => {
  const text = [
    'providers:',
    '  - &openai',
    '    id: a',
    '    kind: openai',
    '    baseUrl: http://127.0.0.1:9101/v1',
    '  - <<: *openai',
    '    id: b',
    '',
  ].join('\n');
  const config = await parseConfigText(text, 'switchyard.yaml');
  assert.deepEqual(config.providers.map((p) => [p.id, p.kind, p.baseUrl]), [['a', 'openai', 'http://127.0.0.1:9101/v1'], ['b', 'openai', 'http://127.0.0.1:9101/v1']]);
});

for (const row of rows) {
  test(`parseConfigText: ${row.name}`, async () => {
    if (row.problem) {
      await assert.rejects(parseConfigText(row.text, row.file), (err: unknown) => {
        assert.ok(err instanceof ConfigError && err.file === row.file);
        assert.match(err.message, row.problem!);
        if (row.hidden) assert.ok(!err.message.includes(row.hidden), err.message);
        return true;
      });
      return;
    }
    const config = await parseConfigText(row.text, row.file);
    assert.equal(config.maxBodyBytes, row.maxBodyBytes);
  });
}

const clientKeyRows: Array<{ name: string; clients: Array<{ name: string; key: string }>; problem?: RegExp }> = [
  { name: 'distinct keys', clients: [{ name: 'a', key: 'sy-key-aaaaaaaa' }, { name: 'b', key: 'sy-key-bbbbbbbb' }] },
  { name: 'the same literal key twice', clients: [{ name: 'a', key: 'sy-key-aaaaaaaa' }, { name: 'b', key: 'sy-key-aaaaaaaa' }], problem: /clients\[1\]\.key: the same key as client "a"/ },
  { name: 'an env reference resolving to another client\'s key', clients: [{ name: 'a', key: 'sy-key-aaaaaaaa' }, { name: 'b', key: 'env:SHARED_KEY' }], problem: /clients\[1\]\.key: the same key as client "a"/ },
];

for (const row of clientKeyRows) {
  test(`validateConfig client keys: ${row.name}`, async () => {
    const run = validateConfig({ clients: row.clients }, 'switchyard.json', { env: { SHARED_KEY: 'sy-key-aaaaaaaa' } });
    if (!row.problem) return void (await run);
    await assert.rejects(run, (err: unknown) => err instanceof ConfigError && row.problem!.test(err.message) && !err.message.includes('sy-key-aaaaaaaa'));
  });
}

const baseUrlRows: Array<{ name: string; baseUrl: string; problem?: RegExp }> = [
  { name: 'http', baseUrl: 'http://127.0.0.1:9101/v1' },
  { name: 'https in capitals', baseUrl: 'HTTPS://api.example.com/v1' },
  { name: 'ftp', baseUrl: 'ftp://127.0.0.1/v1', problem: /providers\[0\]\.baseUrl: must be an http:\/\/ or https:\/\/ URL/ },
  { name: 'file', baseUrl: 'file:///etc/v1', problem: /providers\[0\]\.baseUrl: must be an http:\/\/ or https:\/\/ URL/ },
  { name: 'javascript', baseUrl: 'javascript:alert(1)', problem: /providers\[0\]\.baseUrl: must be an http:\/\/ or https:\/\/ URL/ },
];

for (const row of baseUrlRows) {
  test(`validateConfig providers[].baseUrl: ${row.name}`, async () => {
    const run = validateConfig({ providers: [{ id: 'a', kind: 'openai', baseUrl: row.baseUrl }] }, 'switchyard.json');
    if (!row.problem) return void (await run);
    await assert.rejects(run, (err: unknown) => err instanceof ConfigError && row.problem!.test(err.message));
  });
}

const providerKeyRows: Array<{ name: string; provider: Record<string, unknown>; problem?: RegExp }> = [
  { name: 'a clean env key', provider: { apiKey: 'env:CLEAN_KEY' } },
  { name: 'an env key with a Windows line ending', provider: { apiKey: 'env:CRLF_KEY' }, problem: /providers\[0\]\.apiKey: contains a control character \(U\+000D\)/ },
  { name: 'a second account key with a line break', provider: { apiKey: 'env:CLEAN_KEY', apiKeys: ['sk-one', 'sk-two\nsk-three'] }, problem: /providers\[0\]\.apiKeys\[1\]: contains a control character/ },
];

for (const row of providerKeyRows) {
  test(`validateConfig provider keys: ${row.name}`, async () => {
    const run = validateConfig({ providers: [{ id: 'a', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', ...row.provider }] }, 'switchyard.json', { env: { CLEAN_KEY: 'sk-clean-123', CRLF_KEY: 'sk-crlf-123\r' } });
    if (!row.problem) return void (await run);
    await assert.rejects(run, (err: unknown) => err instanceof ConfigError && row.problem!.test(err.message) && !err.message.includes('sk-crlf-123'));
  });
}

const providerHeaderRows: Array<{ name: string; headers: Record<string, string>; expected?: Record<string, string>; problem?: RegExp }> = [
  { name: 'a literal value stays as written', headers: { 'X-Team': 'search' }, expected: { 'X-Team': 'search' } },
  { name: 'an env reference is resolved', headers: { 'Ocp-Apim-Subscription-Key': 'env:APIM_KEY' }, expected: { 'Ocp-Apim-Subscription-Key': 'apim-secret-1' } },
  { name: 'a keychain reference is resolved', headers: { 'Helicone-Auth': 'keychain:helicone' }, expected: { 'Helicone-Auth': 'Bearer hk-stored' } },
  { name: 'a missing variable names the header', headers: { 'X-Key': 'env:NOT_SET_ANYWHERE' }, problem: /providers\[0\]\.headers\.X-Key: environment variable NOT_SET_ANYWHERE is not set/ },
  { name: 'a value with a line break', headers: { 'X-Key': 'env:CRLF_KEY' }, problem: /providers\[0\]\.headers\.X-Key: contains a control character \(U\+000D\)/ },
  { name: 'a name with a space', headers: { 'X Key': 'v' }, problem: /providers\[0\]\.headers\.X Key: is not a valid HTTP header name/ },
  { name: 'a name the HTTP client owns', headers: { 'Transfer-Encoding': 'chunked' }, problem: /providers\[0\]\.headers\.Transfer-Encoding: is set by the HTTP client itself/ },
];

for (const row of providerHeaderRows) {
  test(`validateConfig provider headers: ${row.name}`, async () => {
    const keychain = async (name: string) => (name === 'helicone' ? 'Bearer hk-stored' : undefined);
    const run = validateConfig({ providers: [{ id: 'a', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', headers: row.headers }] }, 'switchyard.json', { env: { APIM_KEY: 'apim-secret-1', CRLF_KEY: 'sk-crlf-123\r' }, keychain });
    if (row.problem) {
      await assert.rejects(run, (err: unknown) => err instanceof ConfigError && row.problem!.test(err.message) && !err.message.includes('sk-crlf-123'));
      return;
    }
    assert.deepEqual((await run).providers[0]!.headers, row.expected);
  });
}

const allowedHostRows: Array<{ name: string; host: string; problem?: boolean }> = [
  { name: 'a host name', host: 'gateway.example.com' },
  { name: 'an IPv4 address', host: '10.0.0.5' },
  { name: 'a bracketed IPv6 address', host: '[fe80::1]' },
  { name: 'a name with its port', host: 'gateway.example.com:8443', problem: true },
  { name: 'a URL', host: 'https://gateway.example.com', problem: true },
  { name: 'an empty string', host: '', problem: true },
];

for (const row of allowedHostRows) {
  test(`validateConfig allowedHosts: ${row.name}`, async () => {
    const run = validateConfig({ allowedHosts: [row.host] }, 'switchyard.json');
    if (!row.problem) return void (await run);
    await assert.rejects(run, (err: unknown) => err instanceof ConfigError && /allowedHosts\[0\]: must be a host name without scheme or port/.test(err.message));
  });
}
