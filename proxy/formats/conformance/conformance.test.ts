// Every (client format, provider codec) pair over the shared cases:
//   client's request (written by the codec that speaks the client's wire)
//   → client format decode → provider codec encode → upstream (the format that speaks the provider's wire) decode
// and back for responses, whole and streamed:
//   upstream answer (format encode) → provider codec decode → client format encode → client (codec) decode.
// Both ends are compared after folding in the documented losses of the wires crossed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError, isRetryable } from '../../errors';
import type { ProviderCodec } from '../../providers/codec';
import type { CanonicalRequest, CanonicalResponse, StreamEvent, WireFormat } from '../canonical';
import type { ClientFormat } from '../client-format';
import { conformanceCases, conformanceErrors, unsupportedCombinations, type ConformanceCase } from './conformance-cases';
import { normalizeRequest, normalizeResponse } from './normalize-for-wire';
import { clientFormats, clientOnlyFormats, providerCodecs, wirePairs, type LossWire } from './registry';
import { collectStream, decodeSseText, encodeEventsText, eventsFromResponse } from './stream-harness';

type AnyFormat = ClientFormat<unknown>;
type AnyCodec = ProviderCodec<unknown>;

function codecForWire(wire: WireFormat): AnyCodec | undefined {
  return providerCodecs.find((c) => c.wire === wire) as AnyCodec | undefined;
}

function formatForWire(wire: WireFormat): AnyFormat | undefined {
  const pair = wirePairs.find((p) => p.wire === wire);
  return clientFormats.find((f) => f.name === pair?.format) as AnyFormat | undefined;
}

/** The codec that writes this client format's requests, as the client's SDK would, and the wire it crosses. */
function clientSide(format: AnyFormat): { client: AnyCodec; wire: LossWire } | undefined {
  const pair = wirePairs.find((p) => p.format === format.name);
  const codec = pair ? codecForWire(pair.wire) : undefined;
  if (pair && codec) return { client: codec, wire: pair.wire };
  const only = clientOnlyFormats.find((c) => c.format === format.name);
  return only ? { client: only.client as AnyCodec, wire: only.wire } : undefined;
}

const GEMINI_PATH = /^\/models\/(.+):(generateContent|streamGenerateContent)/;

/** What a server reads from the URL rather than the body: Gemini's model and stream mode. */
function hintsFromPath(path: string): { model?: string; stream?: boolean } | undefined {
  const gemini = GEMINI_PATH.exec(path);
  return gemini ? { model: decodeURIComponent(gemini[1]!), stream: gemini[2] === 'streamGenerateContent' } : undefined;
}

/** The reason a case cannot run on this pair, where unsupportedCombinations lists one. */
function unsupportedReason(c: ConformanceCase, format: AnyFormat, codec: AnyCodec): string | undefined {
  return unsupportedCombinations.find((u) => u.caseName === c.name && (!u.format || u.format === format.name) && (!u.wire || u.wire === codec.wire))?.reason;
}

for (const format of clientFormats as AnyFormat[]) {
  const side = clientSide(format);
  const client = side?.client;
  for (const codec of providerCodecs as AnyCodec[]) {
    const upstream = formatForWire(codec.wire);
    const pair = `${format.name} → ${codec.wire}`;
    if (!side || !client || !upstream) {
      test(`conformance ${pair}: no wire pair registered to simulate it`, { skip: 'add the format/wire to wirePairs in registry.ts' }, () => {});
      continue;
    }
    const wires = new Set<LossWire>([codec.wire, side.wire]);

    for (const c of conformanceCases) {
      const reason = unsupportedReason(c, format, codec);
      if (reason) {
        // Reported as skipped, with its reason, in every test run.
        test(`conformance ${pair}: ${c.name}`, { skip: `unsupported: ${reason}` }, () => {});
        continue;
      }
      for (const stream of [false, true]) {
        test(`conformance ${pair}: ${c.name}${stream ? ' (stream)' : ''}`, () => {
          const intent: CanonicalRequest = { ...c.request, stream };
          // Request leg.
          const clientCall = client.encodeRequest(intent, 'smart');
          const clientBody = clientCall.body;
          const decoded = format.decodeRequest(clientBody, hintsFromPath(clientCall.path));
          assert.equal(decoded.model, 'smart');
          const call = codec.encodeRequest(decoded, 'upstream-model');
          const seen = upstream.decodeRequest(call.body, hintsFromPath(call.path));
          assert.equal(seen.model, 'upstream-model');
          assert.deepEqual(normalizeRequest(seen, wires), normalizeRequest(intent, wires), 'request reached the upstream intact');

          // Response leg.
          let received: CanonicalResponse & { error?: string };
          if (!stream) {
            const upstreamBody = upstream.encodeResponse(c.response, 'upstream-model');
            const fromUpstream = codec.decodeResponse(upstreamBody);
            const clientResponse = format.encodeResponse(fromUpstream, 'smart');
            received = client.decodeResponse(clientResponse);
            assert.equal(received.model, 'smart', 'the client sees the model name it asked for');
            assert.deepEqual(client.usageFromResponse(clientResponse), received.usage);
          } else {
            const upstreamSse = encodeEventsText(upstream, 'upstream-model', eventsFromResponse(c.response), call.body);
            const events = decodeSseText(codec, upstreamSse);
            const clientSse = encodeEventsText(format, 'smart', events, clientBody);
            received = collectStream(decodeSseText(client, clientSse));
          }
          assert.deepEqual(normalizeResponse(received, wires), normalizeResponse(c.response, wires), 'response reached the client intact');
        });
      }
    }

    for (const e of conformanceErrors) {
      test(`conformance ${pair}: error — ${e.name}`, () => {
        const fromUpstream = upstream.renderError(e.error);
        const classified = codec.classifyError(fromUpstream.status, fromUpstream.body, fromUpstream.headers ?? {});
        const toClient = format.renderError(classified);
        const seen = client.classifyError(toClient.status, toClient.body, toClient.headers ?? {});
        assert.deepEqual(
          { kind: seen.kind, status: seen.status, message: seen.message, retryAfter: seen.retryAfter },
          { kind: e.error.kind, status: e.error.status, message: e.error.message, retryAfter: e.error.retryAfter },
        );
      });
    }

    test(`conformance ${pair}: error mid-stream`, () => {
      const failure = new GatewayError('upstream_error', 'overloaded', { status: 529 });
      const events: StreamEvent[] = [{ type: 'start', id: 'up', model: 'u' }, { type: 'text_delta', text: 'partial' }, { type: 'error', error: failure }];
      const upstreamSse = encodeEventsText(upstream, 'upstream-model', events);
      const clientSse = encodeEventsText(format, 'smart', decodeSseText(codec, upstreamSse));
      const seen = decodeSseText(client, clientSse);
      assert.deepEqual(seen.filter((ev) => ev.type === 'text_delta'), [{ type: 'text_delta', text: 'partial' }]);
      const error = seen.find((ev) => ev.type === 'error');
      assert.ok(error && error.type === 'error', 'the client sees the error');
      assert.equal(error.error.message, 'overloaded');
      assert.equal(isRetryable(error.error), true);
      assert.ok(!seen.some((ev) => ev.type === 'finish'), 'a failed stream does not claim to have finished');
    });
  }
}

// Listed combinations that a codec must refuse outright: the refusal itself is asserted.
for (const u of unsupportedCombinations) {
  const request = u.request;
  if (!request) continue;
  for (const codec of providerCodecs as AnyCodec[]) {
    if (u.wire && u.wire !== codec.wire) continue;
    test(`conformance ${u.format ?? 'any client'} → ${codec.wire}: refuses ${u.caseName} (${u.reason})`, () => {
      assert.throws(() => codec.encodeRequest(request, 'upstream-model'), (err: unknown) => err instanceof GatewayError && err.kind === 'unsupported');
    });
  }
}
