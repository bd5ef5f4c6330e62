// GatewayError → OpenAI's error body `{"error":{"message","type","param","code"}}` and status.

import type { ErrorKind, GatewayError } from '../../errors';
import type { RenderedError } from '../client-format';
import { retryAfterHeaders } from '../retry-after-headers';

const TYPE_BY_KIND: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  unauthorized: 'authentication_error',
  forbidden: 'permission_error',
  budget_exceeded: 'insufficient_quota',
  not_found: 'invalid_request_error', // OpenAI reports unknown models as invalid_request_error/model_not_found
  payload_too_large: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  unsupported: 'invalid_request_error',
  upstream_timeout: 'timeout_error',
  upstream_unreachable: 'api_error',
  upstream_error: 'api_error',
  unavailable: 'api_error',
  internal: 'api_error',
};

/** Upstream types an OpenAI client already knows; anything else is rendered from our kind. */
const OPENAI_TYPES = new Set([
  'invalid_request_error', 'authentication_error', 'permission_error', 'rate_limit_error', 'insufficient_quota',
  'api_error', 'server_error', 'not_found_error', 'timeout_error',
]);

export function renderOpenAIErrorBody(error: GatewayError): { error: { message: string; type: string; param: string | null; code: string | null } } {
  const type = error.upstreamType && OPENAI_TYPES.has(error.upstreamType) ? error.upstreamType : typeFor(error);
  return { error: { message: error.message, type, param: null, code: error.code || null } };
}

function typeFor(error: GatewayError): string {
  // Upstream auth failures keep their status, so a client sees what kind of failure it was.
  if (error.kind === 'upstream_error' && error.status === 401) return 'authentication_error';
  if (error.kind === 'upstream_error' && error.status === 403) return 'permission_error';
  return TYPE_BY_KIND[error.kind];
}

export function renderOpenAIError(error: GatewayError): RenderedError {
  const rendered: RenderedError = { status: error.status, body: renderOpenAIErrorBody(error) };
  const headers = retryAfterHeaders(error);
  if (headers) rendered.headers = headers;
  return rendered;
}
