// Property: for any well-formed canonical event stream, the chunks the Gemini encoder writes read,
// through @google/genai's own response class, as exactly the text, thoughts and calls that went in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GenerateContentResponse } from '@google/genai';
import type { FinishReason, StreamEvent } from '../canonical';
import { encodeGeminiStreamEvent, endGeminiStream, initialGeminiStreamState } from './encode-gemini-stream';

type Step =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string; signature?: string }
  | { kind: 'call'; name: string; args: Record<string, unknown>; cuts: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ minLength: 1 }) }),
  fc.record({ kind: fc.constant('reasoning' as const), text: fc.string(), signature: fc.option(fc.base64String({ minLength: 4 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('call' as const), name: fc.stringMatching(/^[a-z_]{1,12}$/), args: fc.dictionary(fc.string(), fc.jsonValue()).map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>), cuts: fc.integer({ min: 1, max: 5 }) }),
);

function toEvents(steps: Step[], finish: FinishReason): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: 'prop', model: 'up' }];
  let index = 0;
  for (const step of steps) {
    if (step.kind === 'text') events.push({ type: 'text_delta', text: step.text });
    else if (step.kind === 'reasoning') events.push(step.signature === undefined ? { type: 'reasoning_delta', text: step.text } : { type: 'reasoning_delta', text: step.text, signature: step.signature });
    else {
      events.push({ type: 'tool_call_start', index, id: `call_${index}`, name: step.name });
      const json = JSON.stringify(step.args);
      const size = Math.ceil(json.length / step.cuts);
      for (let at = 0; at < json.length; at += size) events.push({ type: 'tool_call_delta', index, argumentsDelta: json.slice(at, at + size) });
      index += 1;
    }
  }
  events.push({ type: 'finish', reason: finish }, { type: 'usage', usage: { inputTokens: 2, outputTokens: 5, reasoningTokens: 1 } });
  return events;
}

function encode(events: StreamEvent[]): GenerateContentResponse[] {
  let state = initialGeminiStreamState('smart');
  let out = '';
  for (const event of events) {
    const step = encodeGeminiStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  out += endGeminiStream(state);
  return out.split('\n\n').filter((f) => f !== '').map((f) => Object.assign(new GenerateContentResponse(), JSON.parse(f.slice(6))));
}

test('every encoded Gemini stream reads in @google/genai as exactly what went in', () => {
  const quiet = console.warn;
  console.warn = () => {}; // the SDK warns when a chunk also holds function calls
  try {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 10 }), fc.constantFrom<FinishReason>('stop', 'tool_calls', 'length'), (steps, finish) => {
        const chunks = encode(toEvents(steps, finish));
        assert.equal(chunks.map((c) => c.text ?? '').join(''), steps.filter((s) => s.kind === 'text').map((s) => s.text).join(''));
        const thoughts = chunks.flatMap((c) => c.candidates?.[0].content?.parts ?? []).filter((p) => p.thought).map((p) => p.text).join('');
        assert.equal(thoughts, steps.filter((s) => s.kind === 'reasoning').map((s) => s.kind === 'reasoning' && s.text).join(''));
        const calls = chunks.flatMap((c) => c.functionCalls ?? []);
        assert.deepEqual(calls.map((c) => [c.name, c.args]), steps.filter((s) => s.kind === 'call').map((s) => s.kind === 'call' && [s.name, s.args]));
        const signatures = chunks.flatMap((c) => c.candidates?.[0].content?.parts ?? []).map((p) => p.thoughtSignature).filter((s) => s !== undefined);
        assert.deepEqual(signatures, steps.flatMap((s) => (s.kind === 'reasoning' && s.signature !== undefined ? [s.signature] : [])));
        const last = chunks[chunks.length - 1];
        assert.equal(last.candidates?.[0].finishReason, finish === 'length' ? 'MAX_TOKENS' : 'STOP');
        assert.deepEqual(last.usageMetadata, { promptTokenCount: 2, candidatesTokenCount: 4, totalTokenCount: 7, thoughtsTokenCount: 1 });
      }),
      { numRuns: 300 },
    );
  } finally {
    console.warn = quiet;
  }
});
