// Answers a non-streaming request: read the upstream body, take its usage, and send the client
// either the upstream bytes untouched (same format) or the translated response.

import type { ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import type { CanonicalResponse } from '../formats/canonical';
import { GatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import type { RequestTrace } from './request-trace';
import type { AttemptResult } from './send-attempt';
import { withSwitchyardHeaders } from './switchyard-headers';
import { readUpstreamAnswer } from './read-upstream-body';
import { scrubKnownSecretsInBody } from './scrub-secrets';
import type { ResponseCapture } from '../optimize/request-optimization';

// Every client API documents 200 for an answer, whatever 2xx the upstream used (201, 203): the
// client gets 200, and the request log says so (the attempt keeps the upstream's own status).
const ANSWERED = 200;

/** `end` receives the final write, which the caller runs once the request's row is committed. */
export async function deliverJson(gateway: Gateway, trace: RequestTrace, res: ServerResponse, format: ClientFormat<any>, attempt: AttemptResult, end: (finalWrite: () => void) => void, capture?: ResponseCapture): Promise<number> {
  const bodyStart = performance.now();
  const raw = await readUpstreamAnswer(attempt.response, gateway.maxUpstreamBodyBytes, trace.target);
  trace.upstreamMs += performance.now() - bodyStart;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GatewayError('upstream_error', `upstream ${trace.target} answered with a body that is not JSON`, { status: 502, code: 'invalid_upstream_response' });
  }
  let out: string | Buffer;
  let response: CanonicalResponse | undefined;
  if (attempt.mode.kind === 'passthrough') {
    trace.usage = attempt.mode.passthrough.usageFromBody(parsed);
    out = raw;
  } else {
    response = attempt.mode.codec.decodeResponse(parsed);
    trace.usage = response.usage;
    out = JSON.stringify(format.encodeResponse(response, trace.model));
  }
  out = scrubKnownSecretsInBody(out, attempt.secrets);
  res.writeHead(ANSWERED, withSwitchyardHeaders(trace, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(out),
  }));
  end(() => res.end(out));
  capture?.json(parsed, response);
  return ANSWERED;
}
