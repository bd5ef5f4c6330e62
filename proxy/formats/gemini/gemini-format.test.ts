import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiFormat } from './gemini-format';

test('geminiFormat: names the Gemini API, passes through to Gemini upstreams, streams SSE', () => {
  assert.equal(geminiFormat.name, 'gemini');
  assert.equal(geminiFormat.nativeWire, 'gemini');
  assert.equal(geminiFormat.streamContentType, 'text/event-stream');
  const request = geminiFormat.decodeRequest({ contents: [{ parts: [{ text: 'hi' }] }] }, { model: 'smart', stream: true });
  assert.deepEqual(request, { model: 'smart', stream: true, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] });
});
