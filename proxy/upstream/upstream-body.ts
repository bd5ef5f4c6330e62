// An upstream response body as undici's dispatcher delivers it: each chunk goes to its one reader
// straight from the socket's read, with no Readable stream or promise in between (on the request
// path that machinery cost more than the forwarding itself). Chunks are held only until the
// reader attaches, and pausing stops undici from reading the socket, so a slow client holds the
// upstream back instead of the body piling up in memory.

import { GatewayError } from '../errors';

/** Held before a reader attaches, past this the socket is not read further. */
const HOLD_LIMIT_BYTES = 64 * 1024;

interface Reader {
  chunk: (chunk: Buffer) => void;
  end: () => void;
  fail: (err: unknown) => void;
}

export class UpstreamBody {
  private held: Buffer[] | undefined = [];
  private heldBytes = 0;
  private reader: Reader | undefined;
  /** Set once the body has ended (`error` undefined) or failed. */
  private outcome: { error: unknown } | undefined;
  private paused = false;
  /** Given by the upstream client: reads the socket again after a pause. */
  resumeReading: (() => void) | undefined;
  /** Given by the upstream client: aborts the request and closes its connection. */
  abortRequest: ((err?: Error) => void) | undefined;

  /** Producer side: one chunk from the socket; false asks undici to stop reading for now. */
  push(chunk: Buffer): boolean {
    if (this.reader) {
      this.reader.chunk(chunk);
      return !this.paused;
    }
    if (this.held) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
    }
    return !this.paused && this.heldBytes < HOLD_LIMIT_BYTES;
  }

  /** Producer side: the body ended (no error) or failed. */
  finish(error?: unknown): void {
    if (this.outcome) return;
    this.outcome = { error };
    const reader = this.reader;
    this.reader = undefined;
    if (!reader) return;
    if (error === undefined) reader.end();
    else reader.fail(error);
  }

  /**
   * Hands every chunk to `onChunk` as it arrives. Resolves at the body's end; rejects with its
   * error, with what `onChunk` threw (the request is then aborted), or when it was destroyed first.
   */
  read(onChunk: (chunk: Buffer) => void): Promise<void> {
    const held = this.held;
    if (held === undefined) return Promise.reject(new Error('an upstream body can be read only once'));
    this.held = undefined;
    this.heldBytes = 0;
    return new Promise<void>((resolve, reject) => {
      try {
        for (const chunk of held) onChunk(chunk);
      } catch (err) {
        // The reader's own error wins, even when the whole body had already arrived: the stream
        // must not look as if it ended cleanly.
        this.destroy(err);
        reject(err);
        return;
      }
      if (this.outcome) {
        if (this.outcome.error === undefined) resolve();
        else reject(this.outcome.error);
        return;
      }
      // A throw from onChunk inside push() reaches undici, which aborts the request with it.
      this.reader = { chunk: onChunk, end: resolve, fail: reject };
      if (!this.paused) this.resumeReading?.();
    });
  }

  /** Reads the body to its end and drops it (errors included): frees the connection. */
  async dump(): Promise<void> {
    await this.read(() => {}).catch(() => {});
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    // Only while this body owns the connection: once it has ended, the socket serves other requests.
    if (this.held === undefined && !this.outcome) this.resumeReading?.();
  }

  get ended(): boolean {
    return this.outcome !== undefined;
  }

  /** Stops the body: the reader sees `err`, or without one an early close; the connection closes. */
  destroy(err?: unknown): void {
    if (this.outcome) return;
    this.finish(err ?? new GatewayError('upstream_error', 'upstream stream closed early', { status: 502, code: 'upstream_stream_truncated' }));
    this.abortRequest?.(err instanceof Error ? err : undefined);
  }
}
