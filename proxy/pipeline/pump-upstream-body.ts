// Feeds each chunk of an upstream body to a handler as it is read from the socket, so a frame can
// be written to the client as soon as it arrives, and pauses the upstream while the client's
// socket is full, so a slow client holds the upstream back instead of the stream piling up in
// memory.

import type { ServerResponse } from 'node:http';
import type { UpstreamBody } from '../upstream/upstream-body';

/** Resolves at the body's clean end; rejects with its error, the handler's, or an early close. */
export function pumpUpstreamBody(body: UpstreamBody, onChunk: (chunk: Buffer) => void, res: ServerResponse): Promise<void> {
  const onDrain = () => body.resume();
  return body.read((chunk) => {
    onChunk(chunk);
    if (res.writableNeedDrain && !res.destroyed) {
      body.pause();
      res.once('drain', onDrain);
    }
  }).finally(() => res.off('drain', onDrain));
}
