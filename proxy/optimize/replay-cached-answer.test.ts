// A cached answer replays in every client format, as JSON and as a stream in that format's framing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { ClientFormatName } from '../formats/canonical';
import { clientFormat } from '../formats/registry';
import { RequestTrace } from '../pipeline/request-trace';
import { replayCachedAnswer } from './replay-cached-answer';
import type { CachedAnswer } from './response-cache';

const answer: CachedAnswer = {
  response: {
    id: 'msg_1', model: 'm-large', finishReason: 'tool_calls', usage: { inputTokens: 10, outputTokens: 4 },
    parts: [{ type: 'text', text: 'Checking the weather' }, { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
  },
  target: 'alpha/m-large', requestId: 'req_orig', costUsd: 0.01, storedAt: 0,
};

function fakeResponse() {
  const sent = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      sent.status = status;
      sent.headers = headers;
      return res;
    },
    end(body: string) {
      sent.body = body;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

const FORMATS: ClientFormatName[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'];

for (const name of FORMATS) {
  for (const stream of [false, true]) {
    test(`replay to ${name} as ${stream ? 'a stream' : 'JSON'}: text, tool call and the cache header`, () => {
      const format = clientFormat(name);
      const trace = new RequestTrace();
      trace.model = 'smart';
      trace.stream = stream;
      const { res, sent } = fakeResponse();
      let finalWrite: (() => void) | undefined;
      const status = replayCachedAnswer(res, format, trace, answer, {}, (write) => (finalWrite = write));
      assert.equal(status, 200);
      assert.equal(sent.body, '', 'the body waits until the row is crash-safe');
      finalWrite!();
      assert.equal(sent.headers['x-switchyard-cache'], 'hit');
      assert.equal(sent.headers['x-switchyard-target'], 'alpha/m-large');
      assert.equal(trace.costUsd, 0);
      if (stream) assert.equal(sent.headers['content-type'], format.streamContentType);
      else JSON.parse(sent.body);
      // Streams split text and arguments as each format frames them; the pieces are all there.
      assert.match(sent.body, /Checking the weather/);
      assert.match(sent.body, /get_weather/);
      assert.match(sent.body, /Paris/);
    });
  }
}
