// What one request did, collected as it runs and written to the log when it ends.

import { newRequestId } from './new-request-id';
import type { AttemptRecord } from '../store/store';
import type { Usage } from '../formats/canonical';

export class RequestTrace {
  readonly startedAt = Date.now();
  readonly id = newRequestId(this.startedAt);
  readonly t0 = performance.now();
  /** Milliseconds spent waiting on upstreams (headers and body), excluded from overhead. */
  upstreamMs = 0;
  ttfbMs: number | null = null;
  /** Routing's hook for the attempt under way: told when the first byte reaches the client. */
  onFirstByte: (() => void) | undefined = undefined;
  client: string | null = null;
  model = '';
  stream = false;
  target: string | null = null;
  usage: Usage | undefined;
  costUsd: number | null = null;
  attempts: AttemptRecord[] = [];

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  overheadMs(): number {
    return Math.max(0, this.elapsedMs() - this.upstreamMs);
  }
}
