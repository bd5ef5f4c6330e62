// How long translating one streamed event takes on the hot path, for every (upstream wire, client
// format) pair: SSE bytes → frame (SseParser) → canonical events (provider codec) → client frame
// (client format). Not a test: `npx tsc -p . && node dist/bench/stream-translation.js [--quick]`.
// The budget is 1 ms per event; the table prints µs per upstream frame and frames/s per core.

import { performance } from 'node:perf_hooks';
import type { CanonicalResponse, StreamEvent, WireFormat } from '../proxy/formats/canonical';
import type { ClientFormat } from '../proxy/formats/client-format';
import { clientFormats, providerCodecs, wirePairs } from '../proxy/formats/conformance/registry';
import { encodeEventsText, eventsFromResponse } from '../proxy/formats/conformance/stream-harness';
import type { ProviderCodec } from '../proxy/providers/codec';
import { SseParser } from '../proxy/upstream/sse-parser';

const QUICK = process.argv.includes('--quick');
const RUN_MS = QUICK ? 150 : 900;
const ROUNDS = 9;

/** A typical agent turn: some reasoning, a paragraph of text, two tool calls, usage. */
const TURN: CanonicalResponse = {
  id: 'up-bench', model: 'upstream-model', finishReason: 'tool_calls',
  usage: { inputTokens: 12_000, outputTokens: 420, cachedInputTokens: 8000, reasoningTokens: 120 },
  parts: [
    { type: 'reasoning', text: 'The user wants the failing test fixed; read the file, then run the suite. '.repeat(4), signature: 'c2lnbmF0dXJl' },
    { type: 'text', text: 'I will read the file and then run the tests to confirm the fix works as expected. '.repeat(6) },
    { type: 'tool_call', id: 'call_a', name: 'read_file', arguments: JSON.stringify({ path: 'src/index.ts', options: { limit: 400 } }) },
    { type: 'tool_call', id: 'call_b', name: 'run_tests', arguments: JSON.stringify({ path: 'test/', pattern: 'index' }) },
  ],
};

/** The upstream's bytes for the turn, as the format that speaks its wire frames them, in ~token-sized deltas. */
function upstreamBytes(wire: WireFormat): string | undefined {
  const pair = wirePairs.find((p) => p.wire === wire);
  const upstream = clientFormats.find((f) => f.name === pair?.format);
  if (!upstream) return undefined;
  const events: StreamEvent[] = eventsFromResponse(TURN, 60);
  return encodeEventsText(upstream, 'upstream-model', events, { stream_options: { include_usage: true } });
}

/** Translates one whole upstream stream; returns how many upstream frames it carried. */
function translate(codec: ProviderCodec<any>, format: ClientFormat<any>, bytes: string, withParse: boolean, frames: ReturnType<SseParser['push']>): number {
  const input = withParse ? new SseParser().push(bytes) : frames;
  let decodeState = codec.initialStreamState();
  let encodeState = format.initialStreamState('smart', { stream_options: { include_usage: true } });
  let out = 0;
  for (const frame of input) {
    const step = codec.decodeStreamFrame(decodeState, frame);
    decodeState = step.state;
    for (const event of step.events) {
      const encoded = format.encodeStreamEvent(encodeState, event);
      encodeState = encoded.state;
      out += encoded.out.length;
    }
  }
  out += format.endStream(encodeState).length;
  if (out === 0) throw new Error('nothing was written');
  return input.length;
}

/** Median of several short rounds: the machine is shared, so one long round would mostly measure neighbours. */
function measure(run: () => number): { usPerFrame: number; framesPerSec: number } {
  for (let i = 0; i < 50; i++) run(); // warm up the JIT
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let frames = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < RUN_MS / ROUNDS) {
      frames += run();
      elapsed = performance.now() - started;
    }
    rounds.push((elapsed * 1000) / frames);
  }
  rounds.sort((a, b) => a - b);
  const usPerFrame = rounds[Math.floor(rounds.length / 2)]!;
  return { usPerFrame, framesPerSec: 1e6 / usPerFrame };
}

function main(): void {
  const rows: string[][] = [];
  let worst = 0;
  for (const codec of providerCodecs) {
    const bytes = upstreamBytes(codec.wire);
    if (!bytes) continue;
    const frames = new SseParser().push(bytes);
    for (const format of clientFormats) {
      const decodeEncode = measure(() => translate(codec, format, bytes, false, frames));
      const withParse = measure(() => translate(codec, format, bytes, true, frames));
      worst = Math.max(worst, withParse.usPerFrame);
      rows.push([
        `${codec.wire} → ${format.name}`,
        String(frames.length),
        decodeEncode.usPerFrame.toFixed(2),
        withParse.usPerFrame.toFixed(2),
        Math.round(withParse.framesPerSec).toLocaleString('en-US'),
      ]);
    }
  }
  const header = ['upstream → client', 'frames/turn', 'µs/frame (decode+encode)', 'µs/frame (+SSE parse)', 'frames/s/core (+parse)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`\nslowest pair: ${worst.toFixed(2)} µs per upstream frame (budget: 1000 µs); node ${process.version}, median of ${ROUNDS} rounds over ${RUN_MS} ms per cell`);
}

main();
