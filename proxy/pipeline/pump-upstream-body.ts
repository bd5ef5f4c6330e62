// Feeds each chunk of an upstream body to a handler from the socket's own 'data' callback, so a
// frame can be written to the client as soon as it arrives (an async iterator adds a promise hop
// per chunk), and — given the client's response — pauses the upstream while the client's socket is
// full, so a slow client holds the upstream back instead of the stream piling up in memory.

import type { Readable } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors';

/** Resolves at the body's clean end; rejects with its error, the handler's, or an early close. */
export function pumpUpstreamBody(body: Readable, onChunk: (chunk: string | Buffer) => void, res?: ServerResponse): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      res?.off('drain', onDrain);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onDrain = () => body.resume();
    const onData = (chunk: string | Buffer) => {
      try {
        onChunk(chunk);
      } catch (err) {
        body.destroy();
        return settle(err);
      }
      if (res?.writableNeedDrain && !res.destroyed) {
        body.pause();
        res.once('drain', onDrain);
      }
    };
    body.on('data', onData);
    body.once('end', () => settle());
    body.on('error', settle);
    // Destroyed without an error (the client left, or the body was cut short): not a clean end.
    // (Every body closes after its end too; the error, with its stack, is only built when needed.)
    body.once('close', () => {
      if (!settled) settle(new GatewayError('upstream_error', 'upstream stream closed early', { status: 502, code: 'upstream_stream_truncated' }));
    });
  });
}
