// Anthropic error responses → GatewayError, from the status and `error.type`.
// https://docs.anthropic.com/en/api/errors

import { GatewayError, type ErrorKind } from '../../errors';
import { isObject } from '../../formats/openai-chat/json-fields';
import { readErrorWait } from '../read-rate-limit-reset';

type Headers = Record<string, string | string[] | undefined>;

/** Status Anthropic documents for each error type, for errors that arrive inside a stream. */
const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function classifyAnthropicError(status: number, body: unknown, headers: Headers = {}): GatewayError {
  const { type, message } = readErrorDetail(body);
  return new GatewayError(kindFor(status), message ?? `upstream returned HTTP ${status}`, {
    status,
    code: type,
    upstreamType: type,
    retryAfter: readErrorWait(status, headers),
  });
}

/** An `event: error` inside a stream has no HTTP status of its own. */
export function classifyAnthropicStreamError(body: unknown): GatewayError {
  const { type } = readErrorDetail(body);
  return classifyAnthropicError((type && STATUS_BY_TYPE[type]) || 500, body);
}

function kindFor(status: number): ErrorKind {
  if (status === 400) return 'invalid_request';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  // 401/402/403 are the provider refusing our key or account; 5xx and 529 (overloaded) are its
  // own failures, retryable by status.
  return 'upstream_error';
}

function readErrorDetail(body: unknown): { type?: string; message?: string } {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  if (!error) {
    // Not the documented shape (compatible servers vary): a bare text where the error object belongs still says what failed.
    const text = isObject(body) ? (typeof body.error === 'string' ? body.error : body.message) : body;
    return typeof text === 'string' && text.trim() !== '' ? { message: text.slice(0, 500) } : {};
  }
  return {
    type: typeof error.type === 'string' ? error.type : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
  };
}
