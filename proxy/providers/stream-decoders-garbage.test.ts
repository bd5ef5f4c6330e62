// Every provider's stream decoder, fed event data of the wrong JSON type: never a throw (which the
// pipeline would report as an unreachable upstream, and which lost the error frame already sent),
// only no events or an upstream error event. Rows found by test/faults-upstream-fuzz.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireFormat } from '../formats/canonical';
import { codecFor } from './codecs';

interface Row {
  name: string;
  wire: WireFormat;
  event?: string;
  data: string;
  /** The types of the events decoded. */
  expected: string[];
}

const NAMED_EVENTS: Record<WireFormat, Array<string | undefined>> = {
  openai: [undefined],
  anthropic: ['message_start', 'content_block_delta', 'message_delta'],
  gemini: [undefined],
  cohere: [undefined, 'message-start', 'content-delta', 'tool-call-delta', 'message-end'],
  bedrock: ['messageStart', 'contentBlockStart', 'contentBlockDelta', 'messageStop', 'metadata', 'exception'],
};

const rows: Row[] = [
  ...(Object.keys(NAMED_EVENTS) as WireFormat[]).flatMap((wire) =>
    NAMED_EVENTS[wire].flatMap((event) =>
      ['null', '42', '"text"', 'true'].map((data) => ({ name: `${wire} ${event ?? 'unnamed'} event whose data is ${data} carries nothing`, wire, event, data, expected: [] })),
    ),
  ),
  { name: 'gemini chunk with "error": null is no error', wire: 'gemini', data: '{"error":null,"candidates":[{"content":{"parts":[{"text":"a"}]}}]}', expected: ['start', 'text_delta'] },
  { name: 'gemini error that is not an object is still an error', wire: 'gemini', data: '{"error":"boom"}', expected: ['error'] },
  { name: 'bedrock event named exception whose data is not JSON is an upstream error', wire: 'bedrock', event: 'exception', data: 'oops', expected: ['error'] },
  { name: 'bedrock exception without its fields is an upstream error', wire: 'bedrock', event: 'exception', data: '{}', expected: ['error'] },
];

for (const row of rows) {
  test(`stream decoder: ${row.name}`, () => {
    const codec = codecFor(row.wire)!;
    const step = codec.decodeStreamFrame(codec.initialStreamState(), { event: row.event, data: row.data, raw: '' });
    assert.deepEqual(step.events.map((e) => e.type), row.expected);
    for (const event of step.events) if (event.type === 'error') assert.match(event.error.kind, /^upstream_|^rate_limited$|^unavailable$/);
  });
}
