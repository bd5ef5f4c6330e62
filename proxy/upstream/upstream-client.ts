// The one place that talks to providers: pooled keep-alive connections per origin (undici),
// a first-byte deadline per attempt, and network failures classified into GatewayError kinds.

import { Agent, errors, type Dispatcher } from 'undici';
import { GatewayError, toGatewayError } from '../errors';
import type { AttemptCancel } from './attempt-cancel';
import { UpstreamBody } from './upstream-body';

export interface UpstreamRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Deadline for the response headers (the first byte). */
  timeoutMs: number;
  /** Longest silence allowed between body chunks once the response has started. */
  idleTimeoutMs?: number;
  /** Aborts the request (routing's timeout before the first byte, its deadline, the client gone). */
  cancel?: AttemptCancel;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: UpstreamBody;
}

export class UpstreamClient {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 256,
    pipelining: 1,
  });

  /**
   * Resolves at the response head; the body then arrives through `body.read`. undici's dispatcher
   * is driven directly: its `request()` wraps every response in a Readable stream, a promise and
   * an async resource, which cost more per request than this whole hop.
   */
  send(req: UpstreamRequest): Promise<UpstreamResponse> {
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const body = new UpstreamBody();
      let headed = false;
      let cancelled = false;
      const onCancel = () => {
        cancelled = true;
        body.abortRequest?.(new errors.RequestAbortedError());
      };
      const stopListening = req.cancel ? listenForAbort(req.cancel, onCancel) : undefined;
      const handler: Dispatcher.DispatchHandler = {
        onConnect(abort) {
          if (cancelled) abort(new errors.RequestAbortedError());
          else body.abortRequest = abort;
        },
        onHeaders(status, rawHeaders, resume) {
          // 1xx (103 Early Hints): the final head is still to come.
          if (status < 200) return true;
          headed = true;
          body.resumeReading = resume;
          resolve(new ResponseHead(status, rawHeaders as Buffer[], body));
          return true;
        },
        onData: (chunk) => body.push(chunk),
        onComplete() {
          stopListening?.();
          body.finish();
        },
        onError(err) {
          stopListening?.();
          if (headed) body.finish(err);
          else reject(classifyHeadFailure(err, req.timeoutMs));
        },
      };
      this.agent.dispatch({
        origin: req.url.origin,
        path: req.url.pathname + req.url.search,
        method: req.method,
        headers: req.headers,
        body: req.body,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.idleTimeoutMs ?? 300_000,
      }, handler);
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function listenForAbort(cancel: AttemptCancel, onAbort: () => void): () => void {
  if (cancel.aborted) {
    onAbort();
    return () => {};
  }
  cancel.once('abort', onAbort);
  return () => cancel.removeListener('abort', onAbort);
}

/**
 * Headers are read only when an attempt fails, so they are parsed on first use, not per response.
 * A class: an object literal with a getter costs several times more to create, on every response.
 */
class ResponseHead implements UpstreamResponse {
  private parsed: Record<string, string | string[]> | undefined;

  constructor(readonly status: number, private readonly rawHeaders: Buffer[], readonly body: UpstreamBody) {}

  get headers(): Record<string, string | string[]> {
    return (this.parsed ??= parseRawHeaders(this.rawHeaders));
  }
}

/** undici's raw head (name, value, name, value… as bytes) as lower-cased names; repeats become arrays. */
export function parseRawHeaders(raw: readonly Buffer[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = Object.create(null);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else if (typeof seen === 'string') headers[name] = [seen, value];
    else seen.push(value);
  }
  return headers;
}

/** Maps undici/socket failures to gateway error kinds by their codes, never by message text. */
export function classifyNetworkError(err: unknown, timeoutMs?: number): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new GatewayError('upstream_timeout', timeoutMs ? `upstream did not answer within ${timeoutMs} ms` : 'upstream timed out', { cause: err });
  }
  if ((err as Error)?.name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return new GatewayError('upstream_timeout', 'upstream request aborted', { cause: err });
  }
  return new GatewayError('upstream_unreachable', `upstream unreachable (${code || 'connection failed'})`, { cause: err });
}

/**
 * undici's refusals of a request we built wrongly (a header value with a line break, a header it
 * does not allow such as Expect or Transfer-Encoding, a body unlike its content-length) or of an
 * agent we already closed. No upstream was asked: they say nothing about the provider.
 */
export function isOurRequestFault(err: unknown): boolean {
  return (
    err instanceof errors.InvalidArgumentError ||
    err instanceof errors.NotSupportedError ||
    err instanceof errors.InvalidReturnValueError ||
    err instanceof errors.RequestContentLengthMismatchError ||
    err instanceof errors.ClientDestroyedError ||
    err instanceof errors.ClientClosedError
  );
}

/**
 * A send that failed before the response head: the network's (timeouts, refused connections, DNS,
 * TLS — any error undici or the socket raises, classified) unless undici refused our own request,
 * which is a bug of ours ('internal') and no failure of the upstream. Only undici's code goes in
 * the message: its own text may name a header we set.
 */
export function classifyHeadFailure(err: unknown, timeoutMs?: number): GatewayError {
  if (!isOurRequestFault(err)) return classifyNetworkError(err, timeoutMs);
  const code = (err as { code?: string }).code;
  return new GatewayError('internal', `internal gateway error: the HTTP client refused the upstream request we built (${code})`, { cause: err });
}

/**
 * Whether undici or the socket raised `err`, told by identity, never by message text. Once the head
 * is in, undici hands onError its own errors (SocketError UND_ERR_SOCKET "other side closed" when
 * the upstream closes early, BodyTimeoutError, ResponseContentLengthMismatchError,
 * RequestAbortedError), an HTTPParserError for a body it cannot parse (HPE_… codes), or the
 * socket's own system error (ECONNRESET…, which carries a `syscall`). What our own code throws while
 * reading the body (a TypeError in a decoder, say) is none of these: undici hands it back as it is.
 */
export function isNetworkFailure(err: unknown): boolean {
  if (isOurRequestFault(err)) return false;
  if (err instanceof errors.UndiciError || err instanceof errors.HTTPParserError) return true;
  const e = err as { code?: unknown; syscall?: unknown } | null;
  return typeof e?.code === 'string' && typeof e.syscall === 'string';
}

/** A failure while an upstream body was read: the network's, classified, or else a bug of ours ('internal'). */
export function classifyBodyFailure(err: unknown): GatewayError {
  // A GatewayError (the body bound, say) is no network failure: toGatewayError passes it on as it is.
  return isNetworkFailure(err) ? classifyNetworkError(err) : toGatewayError(err);
}
