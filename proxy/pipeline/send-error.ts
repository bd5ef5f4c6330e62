// Answers a failed request in the client's own API error shape — or, if the stream has already
// started, ends it with a well-formed error event in the client's framing.

import type { ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import type { GatewayError } from '../errors';
import type { RequestTrace } from './request-trace';
import { switchyardHeaders } from './switchyard-headers';

/** `end` receives the final write, which the caller runs once the request's row is committed. */
export function sendError(res: ServerResponse, format: ClientFormat<any>, error: GatewayError, trace: RequestTrace, end: (finalWrite: () => void) => void = (w) => w()): void {
  if (res.writableEnded || res.destroyed) return;
  if (res.headersSent) {
    const out = format.encodeStreamEvent(format.initialStreamState(trace.model), { type: 'error', error }).out;
    end(() => {
      try {
        res.write(out);
      } finally {
        res.end();
      }
    });
    return;
  }
  const rendered = format.renderError(error);
  const body = JSON.stringify(rendered.body);
  res.writeHead(rendered.status, {
    ...switchyardHeaders(trace),
    ...rendered.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  end(() => res.end(body));
}
