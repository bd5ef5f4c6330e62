import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setJsonFields } from './set-json-fields';

const rows: Array<{ name: string; input: string; fields: Record<string, unknown>; expected: string }> = [
  { name: 'replaces a first field', input: '{"model":"smart","messages":[]}', fields: { model: 'm-large' }, expected: '{"model":"m-large","messages":[]}' },
  { name: 'replaces a last field', input: '{"messages":[],"model":"smart"}', fields: { model: 'm-large' }, expected: '{"messages":[],"model":"m-large"}' },
  { name: 'keeps the client\'s whitespace and key order', input: '{\n  "stream": true ,\n  "model" :  "smart" ,\n  "n": 1\n}', fields: { model: 'x' }, expected: '{\n  "stream": true ,\n  "model" :  "x" ,\n  "n": 1\n}' },
  { name: 'adds a missing field after the opening brace', input: '{"model":"m"}', fields: { stream_options: { include_usage: true } }, expected: '{"stream_options":{"include_usage":true},"model":"m"}' },
  { name: 'adds to an empty object', input: ' { } ', fields: { a: 1 }, expected: ' {"a":1 } ' },
  { name: 'replaces an object value whole', input: '{"stream_options":{"include_usage":false,"x":[1,{"y":"}"}]},"model":"m"}', fields: { stream_options: { include_usage: true } }, expected: '{"stream_options":{"include_usage":true},"model":"m"}' },
  { name: 'replaces literals: number, null, boolean', input: '{"a":12.5e3,"b":null,"c":false}', fields: { a: 1, b: 'x', c: true }, expected: '{"a":1,"b":"x","c":true}' },
  { name: 'a nested field of the same name is left alone', input: '{"messages":[{"model":"inner","content":"model"}],"model":"outer"}', fields: { model: 'new' }, expected: '{"messages":[{"model":"inner","content":"model"}],"model":"new"}' },
  { name: 'quotes, backslashes and brackets inside strings', input: '{"p":"a \\"}\\\\\\" [{","model":"m","q":"\\\\"}', fields: { model: 'n' }, expected: '{"p":"a \\"}\\\\\\" [{","model":"n","q":"\\\\"}' },
  { name: 'an escaped key is matched by what it spells', input: '{"mod\\u0065l":"m"}', fields: { model: 'n' }, expected: '{"mod\\u0065l":"n"}' },
  { name: 'every duplicate is replaced (JSON.parse keeps the last)', input: '{"model":"a","x":1,"model":"b"}', fields: { model: 'c' }, expected: '{"model":"c","x":1,"model":"c"}' },
  { name: 'several fields in one pass, one replaced, one added', input: '{"model":"a","prompt":"hi"}', fields: { model: 'b', prompt_cache_key: 'k' }, expected: '{"prompt_cache_key":"k","model":"b","prompt":"hi"}' },
  { name: 'multi-byte text is kept byte for byte', input: '{"content":"héllo 👋 \\ud83d\\udc4b","model":"m"}', fields: { model: 'ü' }, expected: '{"content":"héllo 👋 \\ud83d\\udc4b","model":"ü"}' },
];

for (const row of rows) {
  test(`setJsonFields: ${row.name}`, () => {
    assert.equal(setJsonFields(Buffer.from(row.input), row.fields).toString(), row.expected);
  });
}

test('setJsonFields: parses to the object with the fields set, for any object and any layout', () => {
  const key = fc.oneof(fc.constantFrom('model', 'stream_options', 'prompt_cache_key', 'messages', 'mod"el', 'a\\b'), fc.string());
  const value = fc.jsonValue();
  fc.assert(
    fc.property(fc.dictionary(key, value), fc.dictionary(key, value), fc.constantFrom(undefined, 2, '\t'), (object, fields, indent) => {
      const raw = Buffer.from(JSON.stringify(object, null, indent));
      const edited = JSON.parse(setJsonFields(raw, fields).toString());
      assert.deepEqual(edited, JSON.parse(JSON.stringify({ ...object, ...fields })));
    }),
    { numRuns: 500 },
  );
});

test('setJsonFields: a 1 MB body is edited without re-serialising it', () => {
  const body = { model: 'route', messages: Array.from({ length: 2000 }, (_, i) => ({ role: 'user', content: `line ${i} "quoted" {braces} [brackets] \\ `.repeat(12) })) };
  const raw = Buffer.from(JSON.stringify(body));
  const edited = setJsonFields(raw, { model: 'm-large' });
  assert.equal(edited.length, raw.length + 'm-large'.length - 'route'.length);
  assert.deepEqual(edited.subarray(edited.indexOf('"messages"')), raw.subarray(raw.indexOf('"messages"')));
});
