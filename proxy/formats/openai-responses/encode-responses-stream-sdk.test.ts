// Property: for any well-formed canonical event stream, every frame the encoder writes is accepted
// by the openai SDK's own response accumulator, and the assembled response holds exactly the text,
// reasoning and call arguments that went in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { FinishReason, StreamEvent } from '../canonical';
import { encodeResponsesStreamEvent, endResponsesStream, initialResponsesStreamState } from './encode-responses-stream';

type Step =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string; signature?: string }
  | { kind: 'call'; name: string; chunks: string[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ minLength: 1 }) }),
  fc.record({ kind: fc.constant('reasoning' as const), text: fc.string(), signature: fc.option(fc.base64String({ minLength: 4 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('call' as const), name: fc.stringMatching(/^[a-z_]{1,12}$/), chunks: fc.array(fc.string({ minLength: 1 }), { maxLength: 4 }) }),
);

function toEvents(steps: Step[], finish: FinishReason): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: 'prop', model: 'up' }];
  let index = 0;
  for (const step of steps) {
    if (step.kind === 'text') events.push({ type: 'text_delta', text: step.text });
    else if (step.kind === 'reasoning') events.push(step.signature === undefined ? { type: 'reasoning_delta', text: step.text } : { type: 'reasoning_delta', text: step.text, signature: step.signature });
    else {
      events.push({ type: 'tool_call_start', index, id: `call_${index}`, name: step.name });
      for (const chunk of step.chunks) events.push({ type: 'tool_call_delta', index, argumentsDelta: chunk });
      index += 1;
    }
  }
  events.push({ type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } }, { type: 'finish', reason: finish });
  return events;
}

function encode(events: StreamEvent[]): ResponseStreamEvent[] {
  let state = initialResponsesStreamState('smart');
  let out = '';
  for (const event of events) {
    const step = encodeResponsesStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  out += endResponsesStream(state);
  return out.split('\n\n').filter((f) => f !== '').map((f) => JSON.parse(f.split('\n')[1].slice(6)) as ResponseStreamEvent);
}

test('every encoded stream assembles in the openai SDK to exactly what went in', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 12 }), fc.constantFrom<FinishReason>('stop', 'tool_calls', 'length', 'content_filter'), (steps, finish) => {
      let snapshot: Response | undefined;
      for (const event of encode(toEvents(steps, finish))) snapshot = accumulateResponse(event, snapshot);
      assert.ok(snapshot);
      assert.equal(snapshot.status, finish === 'length' || finish === 'content_filter' ? 'incomplete' : 'completed');
      assert.equal(snapshot.output_text, steps.filter((s) => s.kind === 'text').map((s) => s.text).join(''));
      const calls = snapshot.output.filter((o) => o.type === 'function_call');
      assert.deepEqual(calls.map((c) => c.type === 'function_call' && [c.name, c.arguments]), steps.filter((s) => s.kind === 'call').map((s) => s.kind === 'call' && [s.name, s.chunks.join('')]));
      const summaries = snapshot.output.flatMap((o) => (o.type === 'reasoning' ? o.summary.map((p) => p.text) : [])).join('');
      assert.equal(summaries, steps.filter((s) => s.kind === 'reasoning').map((s) => s.kind === 'reasoning' && s.text).join(''));
      assert.equal(snapshot.usage?.total_tokens, 7);
    }),
    { numRuns: 300 },
  );
});
