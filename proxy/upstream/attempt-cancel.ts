// Cancels one upstream attempt (its first-byte timeout, or the client leaving). undici takes an
// EventEmitter with `aborted` and `reason` as a request's signal; an AbortController builds an
// EventTarget whose listeners cost several microseconds per request to add and remove, on every
// request, for a cancellation that almost never happens.

import { EventEmitter } from 'node:events';

export class AttemptCancel extends EventEmitter {
  aborted = false;
  /** Left undefined: undici then fails the request with its own RequestAbortedError. */
  readonly reason: unknown = undefined;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/** What an upstream request accepts as its cancel signal. */
export type UpstreamSignal = AttemptCancel | AbortSignal;
