// Answers a failed request in the client's own API error shape — or, if the stream has already
// started, ends it with a well-formed error event in the client's framing.

import type { ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import type { GatewayError } from '../errors';
import type { RequestTrace } from './request-trace';
import { withSwitchyardHeaders } from './switchyard-headers';

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
  const body = writeErrorHead(res, format, error, withSwitchyardHeaders(trace, {}));
  end(() => res.end(body));
}

/** For answers outside a generation request (no trace, nothing to log first). */
export function sendErrorNow(res: ServerResponse, format: Pick<ClientFormat<any>, 'renderError'>, error: GatewayError): void {
  res.end(writeErrorHead(res, format, error, {}));
}

/** Writes the status and headers of `error` in `format`'s shape; returns the body to end with. */
function writeErrorHead(res: ServerResponse, format: Pick<ClientFormat<any>, 'renderError'>, error: GatewayError, headers: Record<string, string>): string {
  const rendered = format.renderError(error);
  const body = JSON.stringify(rendered.body);
  res.writeHead(rendered.status, { ...headers, ...rendered.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  return body;
}
