// GatewayError → OpenAI's error body `{"error":{"message","type","code","param"}}`
// (https://platform.openai.com/docs/guides/error-codes).

import type { ErrorKind, GatewayError } from '../../errors';
import type { RenderedError } from '../client-format';
import { retryAfterHeaders } from '../retry-after-headers';

const TYPE_BY_KIND: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  not_found: 'invalid_request_error',
  unauthorized: 'authentication_error',
  forbidden: 'permission_error',
  budget_exceeded: 'insufficient_quota',
  rate_limited: 'rate_limit_error',
  upstream_timeout: 'server_error',
  upstream_unreachable: 'server_error',
  upstream_error: 'server_error',
  unavailable: 'server_error',
  internal: 'server_error',
};

/** Error types OpenAI itself returns: an OpenAI upstream's own type is passed on unchanged. */
const OPENAI_TYPES = new Set([...Object.values(TYPE_BY_KIND), 'tokens', 'requests', 'not_found_error', 'conflict_error']);

export function renderResponsesError(error: GatewayError): RenderedError {
  const type = error.upstreamType !== undefined && OPENAI_TYPES.has(error.upstreamType) ? error.upstreamType : TYPE_BY_KIND[error.kind];
  const rendered: RenderedError = { status: error.status, body: { error: { message: error.message, type, code: error.code, param: null } } };
  const headers = retryAfterHeaders(error);
  if (headers) rendered.headers = headers;
  return rendered;
}
