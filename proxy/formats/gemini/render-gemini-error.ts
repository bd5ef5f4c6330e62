// GatewayError → Google's error body `{"error":{"code","message","status"}}` (https://ai.google.dev/gemini-api/docs/troubleshooting).

import type { ErrorKind, GatewayError } from '../../errors';
import type { RenderedError } from '../client-format';
import { retryAfterHeaders } from '../retry-after-headers';

const STATUS_BY_KIND: Partial<Record<ErrorKind, string>> = {
  invalid_request: 'INVALID_ARGUMENT',
  unsupported: 'INVALID_ARGUMENT',
  payload_too_large: 'INVALID_ARGUMENT',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  budget_exceeded: 'RESOURCE_EXHAUSTED',
  rate_limited: 'RESOURCE_EXHAUSTED',
  upstream_timeout: 'DEADLINE_EXCEEDED',
  upstream_unreachable: 'UNAVAILABLE',
  unavailable: 'UNAVAILABLE',
  internal: 'INTERNAL',
};

const STATUS_BY_HTTP: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const GOOGLE_STATUSES = new Set([...Object.values(STATUS_BY_HTTP), 'FAILED_PRECONDITION', 'OUT_OF_RANGE']);

/** Google's status string for an error: the upstream's own when it was Google's, else from kind and status. */
export function googleStatusOf(error: GatewayError): string {
  if (error.upstreamType !== undefined && GOOGLE_STATUSES.has(error.upstreamType)) return error.upstreamType;
  if (error.kind === 'upstream_error') return STATUS_BY_HTTP[error.status] ?? (error.status >= 500 ? 'INTERNAL' : 'UNKNOWN');
  return STATUS_BY_KIND[error.kind] ?? 'UNKNOWN';
}

export function googleErrorBody(error: GatewayError): { error: Record<string, unknown> } {
  const details: unknown[] = [
    // Our machine-readable code (e.g. budget_exceeded) travels where Google puts its own reasons.
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: error.code, domain: 'switchyard' },
  ];
  if (error.retryAfter !== undefined) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` });
  return { error: { code: error.status, message: error.message, status: googleStatusOf(error), details } };
}

export function renderGeminiError(error: GatewayError): RenderedError {
  const rendered: RenderedError = { status: error.status, body: googleErrorBody(error) };
  const headers = retryAfterHeaders(error);
  if (headers) rendered.headers = headers;
  return rendered;
}
