import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { StreamEvent } from '../canonical';
import { geminiArrayStreamFormat } from './gemini-array-stream-format';

function run(events: StreamEvent[]): { pieces: string[]; body: string } {
  let state = geminiArrayStreamFormat.initialStreamState('smart');
  const pieces: string[] = [];
  for (const event of events) {
    const step = geminiArrayStreamFormat.encodeStreamEvent(state, event);
    state = step.state;
    pieces.push(step.out);
  }
  pieces.push(geminiArrayStreamFormat.endStream(state));
  return { pieces, body: pieces.join('') };
}

const cases: Array<{ name: string; events: StreamEvent[]; expected: unknown[] }> = [
  {
    name: 'chunks become the elements of one JSON array',
    events: [{ type: 'start', id: 'r', model: 'm' }, { type: 'text_delta', text: 'a' }, { type: 'text_delta', text: 'b' }, { type: 'finish', reason: 'stop' }],
    expected: [
      { candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] }, index: 0 }], modelVersion: 'smart', responseId: 'r' },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'b' }] }, index: 0 }], modelVersion: 'smart', responseId: 'r' },
      { candidates: [{ finishReason: 'STOP', index: 0 }], modelVersion: 'smart', responseId: 'r' },
    ],
  },
  {
    name: 'an error before any chunk is the only element',
    events: [{ type: 'error', error: new GatewayError('upstream_timeout', 'slow') }],
    expected: [{ error: { code: 504, message: 'slow', status: 'DEADLINE_EXCEEDED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'upstream_timeout', domain: 'switchyard' }] } }],
  },
];

for (const c of cases) {
  test(`geminiArrayStreamFormat: ${c.name}`, () => {
    assert.deepEqual(JSON.parse(run(c.events).body), c.expected);
  });
}

test('geminiArrayStreamFormat: each chunk is written as it arrives, opening the array with the first', () => {
  const { pieces } = run([{ type: 'start', id: 'r', model: 'm' }, { type: 'text_delta', text: 'a' }, { type: 'text_delta', text: 'b' }, { type: 'finish', reason: 'stop' }]);
  assert.equal(pieces[0], '');
  assert.ok(pieces[1].startsWith('[{'));
  assert.ok(pieces[2].startsWith(',\r\n{'));
  assert.ok(pieces[4].endsWith('}]'));
  assert.equal(geminiArrayStreamFormat.streamContentType, 'application/json');
});
