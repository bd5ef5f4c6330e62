// Cancels one upstream attempt: its first-byte timeout, or the client leaving. A plain emitter:
// an AbortController builds an EventTarget whose listeners cost several microseconds per request
// to add and remove, on every request, for a cancellation that almost never happens.

import { EventEmitter } from 'node:events';

export class AttemptCancel extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}
