import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceGrep, elideLongLine } from './search-grep';
import { reduceLogLines } from './log-lines';
import { minifyJson, reduceJson } from './json-output';

test('grep: matches are grouped under their file; single matches keep the grep form', () => {
  const input = ['lib/request.js:12:  var x = req.get()', 'lib/request.js:40:  req.query', 'lib/response.js:7:res.send(req.body)', 'Binary file x.bin matches'];
  assert.deepEqual(reduceGrep(input, null), ['lib/request.js', '12:  var x = req.get()', '40:  req.query', 'lib/response.js:7:res.send(req.body)', 'Binary file x.bin matches']);
});

test('grep: lossless — every path:line:text is rebuilt from the grouped form', () => {
  const input = ['a/b.ts:1:x', 'a/b.ts:2:y: z', 'c.ts:3:w', 'a/b.ts:9:v', 'a/b.ts:10:u'];
  const rebuilt: string[] = [];
  let path = '';
  for (const line of reduceGrep(input, null)) {
    const full = /^([^:]+):(\d+):(.*)$/.exec(line);
    const short = /^(\d+):(.*)$/.exec(line);
    if (short && path) rebuilt.push(`${path}:${short[1]}:${short[2]}`);
    else if (full) rebuilt.push(line);
    else path = line;
  }
  assert.deepEqual(rebuilt, input);
});

test('grep: a minified line keeps its start and the text around the match', () => {
  const line = `${'a'.repeat(1000)}process.env.NODE_ENV${'b'.repeat(1000)}`;
  const out = elideLongLine(line, /process\.env/g);
  assert.ok(out.includes('process.env.NODE_ENV'));
  assert.ok(out.startsWith('a'.repeat(160)));
  assert.ok(out.length < 600);
  assert.match(out, /\[… \d+ chars elided\]/);
});

test('grep: without a known pattern, or when it is not in the line, a long line stays whole', () => {
  const line = `${'a'.repeat(1000)}needle${'b'.repeat(1000)}`;
  assert.equal(elideLongLine(line, null), line);
  assert.equal(elideLongLine(line, /haystack/g), line);
});

test('logs: same-second timestamps become indentation; identical messages fold with the last time', () => {
  const input = [
    '2026-09-22 04:45:25 status unpacked libfoo 1.0',
    '2026-09-22 04:45:25 status installed libfoo 1.0',
    '2026-09-22 04:45:26 configure libbar 2.0',
    '2026-11-24 03:08:47,101 WARNING upstream unavailable',
    '2026-11-24 03:08:47,215 WARNING upstream unavailable',
    '2026-11-24 03:08:48,330 WARNING upstream unavailable',
    '2026-11-24 03:08:48,400 ERROR giving up on batch 7',
  ];
  assert.deepEqual(reduceLogLines(input), [
    '[log: an indented line has the same timestamp, to the second, as the line above it]',
    '2026-09-22 04:45:25 status unpacked libfoo 1.0',
    '  status installed libfoo 1.0',
    '2026-09-22 04:45:26 configure libbar 2.0',
    '2026-11-24 03:08:47,101 WARNING upstream unavailable',
    '[… same message repeated 2 more times, last at 2026-11-24 03:08:48,330]',
    '  ,400 ERROR giving up on batch 7',
  ]);
});

const jsonRows: Array<{ name: string; input: string; expected: string | null }> = [
  { name: 'pretty JSON is minified, strings untouched', input: '{\n  "a": "x  y",\n  "b": [\n    1,\n    2\n  ]\n}\n', expected: '{"a":"x  y","b":[1,2]}\n' },
  { name: 'a warning line before the JSON is kept', input: 'npm warn config\n{\n  "v": "1.0.0"\n}\n', expected: 'npm warn config\n{"v":"1.0.0"}\n' },
  { name: 'escaped quotes inside strings', input: '{ "q": "say \\"hi\\" " }', expected: '{"q":"say \\"hi\\" "}\n' },
  { name: 'not JSON', input: '{ this is not json', expected: null },
];
for (const row of jsonRows) {
  test(`json: ${row.name}`, () => assert.equal(reduceJson(row.input), row.expected));
}

test('json: minify keeps every value (parse before and after agree)', () => {
  const value = { a: [1, 2.5, -3e5, 'x\n"y"'], b: { c: null, d: true, 'e f': '  spaced  ' } };
  const pretty = JSON.stringify(value, null, 4);
  assert.deepEqual(JSON.parse(minifyJson(pretty)), value);
});
