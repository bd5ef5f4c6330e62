// A fake upstream that answers every request, whatever its path or wire, with the one reply the
// test set last: a status, a content type and raw body bytes, ending cleanly or with the socket
// cut. Upstream fuzzing sets a generated reply, sends one request through the gateway, repeats.

import http from 'node:http';
import { listenOnLoopback } from './listen-on-loopback';

export interface GarbageReply {
  status: number;
  contentType: string | null;
  /** More response headers, e.g. a Retry-After. */
  headers?: Record<string, string>;
  /** Written one after another, each in its own write. */
  chunks: Buffer[];
  /** Destroy the socket after the last chunk instead of ending the response. */
  cut: boolean;
}

export interface GarbageUpstream {
  url: string;
  /** How many requests arrived. */
  calls(): number;
  setReply(reply: GarbageReply): void;
  close(): Promise<void>;
}

export async function startGarbageUpstream(): Promise<GarbageUpstream> {
  let reply: GarbageReply = { status: 500, contentType: null, chunks: [], cut: false };
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      const { status, contentType, chunks, cut, headers } = reply;
      res.writeHead(status, { ...headers, ...(contentType ? { 'content-type': contentType } : {}) });
      for (const chunk of chunks) res.write(chunk);
      if (cut) res.write('', () => res.socket?.destroy());
      else res.end();
    });
  });
  const listening = await listenOnLoopback(server);
  return { url: listening.url, calls: () => calls, setReply: (r) => (reply = r), close: listening.close };
}
