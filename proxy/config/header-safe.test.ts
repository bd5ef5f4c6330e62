import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerNameProblem, headerValueProblem } from './header-safe';

const rows: Array<{ name: string; value: string; problem?: RegExp }> = [
  { name: 'an OpenAI-shaped key', value: 'sk-proj-abc_DEF-123' },
  { name: 'a key with a tab and latin-1', value: 'k\tey\u00e9' },
  { name: 'a trailing CR from a Windows .env', value: 'sk-abc\r', problem: /control character \(U\+000D\) at position 6/ },
  { name: 'an interior line break', value: 'sk-a\nX-Injected: 1', problem: /control character \(U\+000A\)/ },
  { name: 'NUL', value: 'sk\u0000', problem: /U\+0000/ },
  { name: 'DEL', value: 'sk\u007f', problem: /U\+007F/ },
  { name: 'a character above U+00FF', value: 'sk-\u20ac', problem: /U\+20AC at position 3, which cannot be sent in an HTTP header/ },
];

for (const row of rows) {
  test(`headerValueProblem: ${row.name}`, () => {
    const problem = headerValueProblem(row.value);
    if (!row.problem) return assert.equal(problem, undefined);
    assert.match(problem ?? '', row.problem);
  });
}

const names: Array<{ name: string; value: string; problem?: RegExp }> = [
  { name: 'an API-management key header', value: 'Ocp-Apim-Subscription-Key' },
  { name: 'a vendor header with dots and underscores', value: 'x-portkey.trace_id' },
  { name: 'a space', value: 'X Api Key', problem: /not a valid HTTP header name/ },
  { name: 'a colon', value: 'x-key:', problem: /not a valid HTTP header name/ },
  { name: 'empty', value: '', problem: /not a valid HTTP header name/ },
  { name: 'a non-ASCII letter', value: 'x-cl\u00e9', problem: /not a valid HTTP header name/ },
  { name: 'Transfer-Encoding', value: 'Transfer-Encoding', problem: /set by the HTTP client itself/ },
  { name: 'keep-alive', value: 'keep-alive', problem: /set by the HTTP client itself/ },
  { name: 'Expect', value: 'EXPECT', problem: /set by the HTTP client itself/ },
  { name: 'Host', value: 'Host', problem: /set by the HTTP client itself/ },
];

for (const row of names) {
  test(`headerNameProblem: ${row.name}`, () => {
    const problem = headerNameProblem(row.value);
    if (!row.problem) return assert.equal(problem, undefined);
    assert.match(problem ?? '', row.problem);
  });
}
