import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesFormat } from './openai-responses-format';

test('openaiResponsesFormat: names the Responses API, passes through to OpenAI upstreams, streams SSE', () => {
  assert.equal(openaiResponsesFormat.name, 'openai-responses');
  assert.equal(openaiResponsesFormat.nativeWire, 'openai');
  assert.equal(openaiResponsesFormat.streamContentType, 'text/event-stream');
  assert.deepEqual(openaiResponsesFormat.decodeRequest({ model: 'smart', input: 'hi', stream: true }), { model: 'smart', stream: true, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] });
  const state = openaiResponsesFormat.initialStreamState('smart');
  assert.match(state.id, /^resp_[0-9a-f]{32}$/);
  assert.equal(state.model, 'smart');
});
