// One error type for the whole gateway: routing decides retry/fallback from `kind`,
// and each client format renders it in its own API's error shape.

export type ErrorKind =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'budget_exceeded'
  | 'not_found'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unsupported'
  | 'unavailable'
  | 'upstream_timeout'
  | 'upstream_unreachable'
  | 'upstream_error'
  | 'internal';

const DEFAULT_STATUS: Record<ErrorKind, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  budget_exceeded: 402,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  unsupported: 400,
  unavailable: 503,
  upstream_timeout: 504,
  upstream_unreachable: 502,
  upstream_error: 502,
  internal: 500,
};

export interface GatewayErrorOptions {
  status?: number;
  /** A provider's or our own machine-readable code, e.g. `budget_exceeded`, `model_not_found`. */
  code?: string;
  /** Seconds the client should wait, sent as `Retry-After`. */
  retryAfter?: number;
  /** The upstream's own error type string, kept so same-format clients see it unchanged. */
  upstreamType?: string;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly code: string;
  readonly retryAfter?: number;
  readonly upstreamType?: string;
  /** The HTTP status the upstream itself answered, when this error came from an upstream response. */
  upstreamStatus?: number;

  constructor(kind: ErrorKind, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.kind = kind;
    this.status = options.status ?? DEFAULT_STATUS[kind];
    this.code = options.code ?? kind;
    this.retryAfter = options.retryAfter;
    this.upstreamType = options.upstreamType;
  }
}

/** The same error, telling the client to come back in `seconds` (sent as `Retry-After`). */
export function withRetryAfter(error: GatewayError, seconds: number): GatewayError {
  const copy = new GatewayError(error.kind, error.message, { status: error.status, code: error.code, upstreamType: error.upstreamType, retryAfter: seconds, cause: error.cause });
  copy.upstreamStatus = error.upstreamStatus;
  return copy;
}

/** Anything thrown that is not a GatewayError becomes an internal error with a safe message. */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  return new GatewayError('internal', 'internal gateway error', { cause: err });
}

/** Failures worth another attempt (on this target or the next) — never the request's own fault. */
export function isRetryable(err: GatewayError): boolean {
  return (
    err.kind === 'upstream_timeout' ||
    err.kind === 'upstream_unreachable' ||
    err.kind === 'rate_limited' ||
    (err.kind === 'upstream_error' && (err.status >= 500 || err.status === 408 || err.status === 409))
  );
}
