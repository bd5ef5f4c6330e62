// GatewayError → Anthropic's error body `{"type":"error","error":{"type","message"}}` and status.

import type { GatewayError } from '../../errors';
import type { RenderedError } from '../client-format';
import { retryAfterHeaders } from '../retry-after-headers';

/** Upstream types an Anthropic client already knows; anything else is rendered from our kind. */
const ANTHROPIC_TYPES = new Set([
  'invalid_request_error', 'authentication_error', 'billing_error', 'permission_error', 'not_found_error',
  'request_too_large', 'rate_limit_error', 'api_error', 'overloaded_error', 'timeout_error',
]);

export function anthropicErrorType(error: GatewayError): string {
  if (error.upstreamType && ANTHROPIC_TYPES.has(error.upstreamType)) return error.upstreamType;
  switch (error.kind) {
    case 'invalid_request':
    case 'unsupported':
      return 'invalid_request_error';
    case 'unauthorized':
      return 'authentication_error';
    case 'forbidden':
      return 'permission_error';
    case 'budget_exceeded':
      return error.status === 429 ? 'rate_limit_error' : 'billing_error';
    case 'not_found':
      return 'not_found_error';
    case 'payload_too_large':
      return 'request_too_large';
    case 'rate_limited':
      return 'rate_limit_error';
    case 'upstream_timeout':
      return 'timeout_error';
    default:
      if (error.status === 529 || error.status === 503) return 'overloaded_error';
      if (error.status === 401) return 'authentication_error';
      if (error.status === 403) return 'permission_error';
      return 'api_error';
  }
}

export function renderAnthropicErrorBody(error: GatewayError): { type: 'error'; error: Record<string, string> } {
  const detail: Record<string, string> = { type: anthropicErrorType(error), message: error.message };
  // Anthropic's body has no code field; ours is added only where the gateway contract needs it.
  if (error.kind === 'budget_exceeded') detail.code = error.code;
  return { type: 'error', error: detail };
}

export function renderAnthropicError(error: GatewayError): RenderedError {
  const rendered: RenderedError = { status: error.status, body: renderAnthropicErrorBody(error) };
  const headers = retryAfterHeaders(error);
  if (headers) rendered.headers = headers;
  return rendered;
}
