// Property: whatever a response contains and however the network cuts the bytes, what a client
// assembles from our stream equals what it would assemble from the events we were given.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CanonicalResponse, FinishReason } from '../canonical';
import { normalizeResponse } from './normalize-for-wire';
import type { ProviderCodec } from '../../providers/codec';
import { clientFormats, clientOnlyFormats, providerCodecs, wirePairs, type LossWire } from './registry';
import { collectStream, decodeSseText, encodeEventsText, eventsFromResponse } from './stream-harness';

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const part: fc.Arbitrary<CanonicalResponse['parts'][number]> = fc.oneof(
  text.map((t) => ({ type: 'text' as const, text: t })),
  fc.record({ type: fc.constant('reasoning' as const), text, signature: fc.option(fc.base64String({ minLength: 4, maxLength: 24 }), { nil: undefined }) })
    .map((p) => (p.signature ? p : { type: p.type, text: p.text })),
  fc.record({
    type: fc.constant('tool_call' as const),
    id: fc.stringMatching(/^call_[A-Za-z0-9]{1,12}$/),
    name: fc.stringMatching(/^[a-z_]{1,16}$/),
    arguments: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.boolean())).map((o) => JSON.stringify(o)),
  }),
);
const finish = fc.constantFrom<FinishReason>('stop', 'length', 'tool_calls', 'content_filter', 'stop_sequence', 'refusal');
const response: fc.Arbitrary<CanonicalResponse> = fc.record({
  id: fc.constant('up-1'),
  model: fc.constant('upstream'),
  parts: fc.array(part, { maxLength: 6 }),
  finishReason: finish,
  stopSequence: fc.constant('##'),
  usage: fc.option(
    // Reasoning tokens are a subset of output tokens (Gemini reports them apart and they are added back).
    fc.record({ inputTokens: fc.integer({ min: 50, max: 10_000 }), outputTokens: fc.nat(5000), cachedInputTokens: fc.nat(20), cacheWriteTokens: fc.nat(20), reasoningTokens: fc.nat(20) })
      .map((u) => ({ ...u, reasoningTokens: Math.min(u.reasoningTokens, u.outputTokens) })),
    { nil: undefined },
  ),
}).map((r) => (r.finishReason === 'stop_sequence' ? r : { ...r, stopSequence: undefined }));

// Each client format against the decoder that plays its client: a provider codec of the same wire,
// or (for formats no provider speaks) the test-only client.
const decoders: Array<{ format: string; decoder: ProviderCodec<any>; wire: LossWire; label: string }> = [
  ...wirePairs.flatMap((p) => {
    const codec = providerCodecs.find((c) => c.wire === p.wire);
    return codec ? [{ format: p.format, decoder: codec, wire: p.wire as LossWire, label: `${p.wire} decoder` }] : [];
  }),
  ...clientOnlyFormats.map((c) => ({ format: c.format, decoder: c.client, wire: c.wire, label: `${c.wire} client` })),
];

for (const pair of decoders) {
  const format = clientFormats.find((f) => f.name === pair.format);
  const codec = pair.decoder;
  if (!format) continue;
  test(`stream round trip: ${format.name} encoder → ${pair.label}, any content, any chunking`, () => {
    const wires = new Set<LossWire>([pair.wire]);
    fc.assert(
      fc.property(response, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 97 }), (r, pieces, chunkSize) => {
        const events = eventsFromResponse(r, pieces);
        const sse = encodeEventsText(format, 'smart', events, { stream_options: { include_usage: true } });
        const received = collectStream(decodeSseText(codec, sse, chunkSize));
        assert.deepEqual(normalizeResponse(received, wires), normalizeResponse(collectStream(events), wires));
      }),
      { numRuns: 150 },
    );
  });
}
