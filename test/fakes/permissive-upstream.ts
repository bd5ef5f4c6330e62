// An OpenAI-shaped upstream that answers every well-formed request it gets: chat completions (JSON
// or SSE with usage), embeddings. Hardening tests use it so every refusal they see is the gateway's.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PermissiveUpstream {
  url: string;
  /** Every request body received, as text. */
  bodies: string[];
  /** Every request's headers. */
  headers: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };

export function startPermissiveUpstream(options: { chunkDelayMs?: number; errorBody?: (headers: http.IncomingHttpHeaders) => string | undefined; errorStatus?: number } = {}): Promise<PermissiveUpstream> {
  const bodies: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString();
      bodies.push(text);
      headers.push(req.headers);
      const error = options.errorBody?.(req.headers);
      if (error !== undefined) {
        res.writeHead(options.errorStatus ?? 401, { 'content-type': 'application/json' });
        res.end(error);
        return;
      }
      if (req.url!.endsWith('/embeddings')) {
        const body = JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], model: 'e', usage: { prompt_tokens: 3, total_tokens: 3 } });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
        return;
      }
      if (/"stream"\s*:\s*true/.test(text)) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const frame = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
        const base = { id: 'chatcmpl-p', object: 'chat.completion.chunk', created: 1700000000, model: 'm' };
        const frames = [
          frame({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] }),
          frame({ ...base, choices: [{ index: 0, delta: { content: ' there' }, finish_reason: null }] }),
          frame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
          frame({ ...base, choices: [], usage }),
          'data: [DONE]\n\n',
        ];
        let i = 0;
        const next = () => {
          if (i === frames.length) return res.end();
          res.write(frames[i++]);
          setTimeout(next, options.chunkDelayMs ?? 0);
        };
        next();
        return;
      }
      const body = JSON.stringify({ id: 'chatcmpl-p', object: 'chat.completion', created: 1700000000, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }], usage });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.keepAliveTimeout = 1000;
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        bodies,
        headers,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
