import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataUrl } from './parse-data-url';

const cases: Array<{ input: string; expected: ReturnType<typeof parseDataUrl> }> = [
  { input: 'data:image/png;base64,iVBORw0KGgo=', expected: { mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
  { input: 'data:;base64,AAAA', expected: { mediaType: 'application/octet-stream', data: 'AAAA' } },
  { input: 'data:text/plain,hello', expected: undefined },
  { input: 'data:image/png;base64', expected: undefined },
  { input: 'https://example.com/a.png', expected: undefined },
];

for (const c of cases) {
  test(`parseDataUrl(${c.input})`, () => {
    assert.deepEqual(parseDataUrl(c.input), c.expected);
  });
}
