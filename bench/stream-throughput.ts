// Streaming translation throughput on one core: OpenAI Chat Completions SSE from an upstream is
// parsed, decoded to canonical events and re-encoded for each other client format, in-process.
// `node dist/bench/stream-throughput.js` prints events per second per target format.

import { clientFormat } from '../proxy/formats/registry';
import { codecFor } from '../proxy/providers/codecs';
import { SseParser } from '../proxy/upstream/sse-parser';
import type { ClientFormatName } from '../proxy/formats/canonical';

const WORDS = 200;

/** One upstream stream: a role chunk, WORDS text deltas, a finish chunk, a usage chunk, [DONE]. */
function upstreamStream(): string[] {
  const base = { id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1700000000, model: 'm' };
  const frame = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
  const chunks = [frame({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
  for (let i = 0; i < WORDS; i++) chunks.push(frame({ ...base, choices: [{ index: 0, delta: { content: `word${i} ` }, finish_reason: null }] }));
  chunks.push(frame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  chunks.push(frame({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: WORDS, total_tokens: WORDS + 10 } }));
  chunks.push('data: [DONE]\n\n');
  return chunks;
}

export interface ThroughputResult {
  format: ClientFormatName;
  events: number;
  eventsPerSecond: number;
  bytesOut: number;
}

/** Translates whole streams for `durationMs` and counts the canonical events that passed through. */
export function measureStreamTranslation(format: ClientFormatName, durationMs: number): ThroughputResult {
  const codec = codecFor('openai')!;
  const out = clientFormat(format);
  const chunks = upstreamStream();
  let events = 0;
  let bytesOut = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    const parser = new SseParser();
    let decode = codec.initialStreamState();
    let encode = out.initialStreamState('m', { model: 'm', stream: true });
    for (const chunk of chunks) {
      for (const frame of parser.push(chunk)) {
        const step = codec.decodeStreamFrame(decode, frame);
        decode = step.state;
        for (const event of step.events) {
          const written = out.encodeStreamEvent(encode, event);
          encode = written.state;
          bytesOut += written.out.length;
          events++;
        }
      }
    }
    bytesOut += out.endStream(encode).length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { format, events, eventsPerSecond: events / seconds, bytesOut };
}

if (require.main === module) {
  for (const format of ['anthropic', 'openai-responses', 'gemini'] as ClientFormatName[]) {
    const r = measureStreamTranslation(format, 2000);
    process.stdout.write(`OpenAI SSE → ${format}: ${Math.round(r.eventsPerSecond).toLocaleString('en-US')} events/s on one core (${r.events} events)\n`);
  }
}
