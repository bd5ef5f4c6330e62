// Answers a request from the response cache in the client's own format: a JSON body, or the
// answer's events replayed as a stream in the client's framing.

import type { ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import type { RequestTrace } from '../pipeline/request-trace';
import { withSwitchyardHeaders } from '../pipeline/switchyard-headers';
import { responseToEvents } from './collect-response';
import type { CachedAnswer } from './response-cache';

export const CACHE_HEADER = 'x-switchyard-cache';

/** `end` receives the final write, which the caller runs once the request's row is crash-safe. */
export function replayCachedAnswer(res: ServerResponse, format: ClientFormat<any>, trace: RequestTrace, answer: CachedAnswer, clientBody: unknown, end: (finalWrite: () => void) => void): number {
  trace.target = answer.target;
  trace.costUsd = 0;
  trace.ttfbMs = trace.elapsedMs();
  if (!trace.stream) {
    const out = JSON.stringify(format.encodeResponse(answer.response, trace.model));
    res.writeHead(200, withSwitchyardHeaders(trace, { [CACHE_HEADER]: 'hit', 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }));
    end(() => res.end(out));
    return 200;
  }
  let state = format.initialStreamState(trace.model, clientBody);
  let out = '';
  for (const event of responseToEvents(answer.response)) {
    const step = format.encodeStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  out += format.endStream(state);
  res.writeHead(200, withSwitchyardHeaders(trace, { [CACHE_HEADER]: 'hit', 'content-type': format.streamContentType, 'cache-control': 'no-cache' }));
  end(() => res.end(out));
  return 200;
}
