// Google error responses → GatewayError, from the HTTP status and the body's `error.status` and
// `error.details` (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes).

import { GatewayError, type ErrorKind } from '../../errors';
import { readRetryAfter } from '../read-retry-after';

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

export function classifyGeminiError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): GatewayError {
  const error = readGoogleError(body);
  const googleStatus = typeof error?.status === 'string' ? error.status : undefined;
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `Gemini returned HTTP ${status}`;
  const badKey = isGoogleKeyRefusal(body);
  const kind = badKey ? 'upstream_error' : kindOf(status, googleStatus);
  const retryAfter = kind === 'rate_limited' ? retryDelayOf(error, headers) : undefined;
  return new GatewayError(kind, message, {
    status: badKey ? 401 : status,
    code: googleStatus?.toLowerCase() ?? `http_${status}`,
    upstreamType: googleStatus,
    retryAfter,
    cause: body,
  });
}

/** Google answers a bad API key with 400 INVALID_ARGUMENT; only its ErrorInfo reason says it was our key. */
export function isGoogleKeyRefusal(body: unknown): boolean {
  return reasonOf(readGoogleError(body)) === 'API_KEY_INVALID';
}

function kindOf(status: number, googleStatus: string | undefined): ErrorKind {
  if (status === 429 || googleStatus === 'RESOURCE_EXHAUSTED') return 'rate_limited';
  if (status === 504 || googleStatus === 'DEADLINE_EXCEEDED') return 'upstream_timeout';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  // FAILED_PRECONDITION (e.g. billing, unsupported region) is the provider's problem, not the request's.
  if (status === 400 && googleStatus !== 'FAILED_PRECONDITION') return 'invalid_request';
  return 'upstream_error';
}

function reasonOf(error: GoogleError | undefined): string | undefined {
  const info = error?.details?.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo');
  return typeof info?.reason === 'string' ? info.reason : undefined;
}

/** Non-streamed errors may arrive wrapped in a one-element array. */
function readGoogleError(body: unknown): GoogleError | undefined {
  const top = Array.isArray(body) ? body[0] : body;
  if (typeof top !== 'object' || top === null) return undefined;
  const error = (top as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as GoogleError) : undefined;
}

/** Seconds to wait: google.rpc.RetryInfo's retryDelay ("37s", "1.5s"), else the Retry-After headers. */
function retryDelayOf(error: GoogleError | undefined, headers: Record<string, string | string[] | undefined>): number | undefined {
  for (const detail of error?.details ?? []) {
    if (detail['@type'] !== 'type.googleapis.com/google.rpc.RetryInfo') continue;
    const delay = detail.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return Math.ceil(Number(delay.slice(0, -1)));
  }
  return readRetryAfter(headers);
}
