// The benchmark's upstream: a minimal OpenAI-shaped server, as cheap as possible so it measures the
// gateway, not itself. Streams pace their chunks by BENCH_CHUNK_DELAY_MS. Run as its own process.

import http from 'node:http';
import { SENT_MARK } from './forwarding-delay';

const port = Number(process.argv[2] ?? 0);
const chunkDelayMs = Number(process.env.BENCH_CHUNK_DELAY_MS ?? 5);
const chunks = Number(process.env.BENCH_STREAM_CHUNKS ?? 20);

const usage = { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 0 } };
const completion = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1700000000, model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The quick brown fox jumps over the lazy dog.' }, finish_reason: 'stop' }],
  usage,
});
const chunkFrame = (content: string) => `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000, model: 'bench-model', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const finalFrames = (withUsage: boolean) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000, model: 'bench-model', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n` +
  (withUsage ? `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000, model: 'bench-model', choices: [], usage })}\n\n` : '') +
  'data: [DONE]\n\n';

const server = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const text = Buffer.concat(parts).toString();
    if (!text.includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
      res.end(completion);
      return;
    }
    const withUsage = text.includes('"include_usage":true');
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const tick = () => {
      if (sent < chunks) {
        // The first chunk carries the monotonic clock (shared by every process on the machine) at
        // the moment it is written, so the client can tell how long the hop to it took.
        res.write(chunkFrame(sent === 0 ? `word0 ${SENT_MARK}${process.hrtime.bigint()} ` : `word${sent} `));
        sent++;
        setTimeout(tick, chunkDelayMs);
      } else res.end(finalFrames(withUsage));
    };
    tick();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as { port: number }).port}\n`);
});
