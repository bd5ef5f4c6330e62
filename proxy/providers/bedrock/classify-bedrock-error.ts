// Bedrock error responses and stream exceptions → GatewayError, by status and exception type only.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors

import { GatewayError, type ErrorKind } from '../../errors';
import { readRetryAfter } from '../read-retry-after';

interface Mapping {
  kind: ErrorKind;
  status: number;
  code?: string;
}

const BY_TYPE: Record<string, Mapping> = {
  validationexception: { kind: 'invalid_request', status: 400 },
  resourcenotfoundexception: { kind: 'not_found', status: 404 },
  throttlingexception: { kind: 'rate_limited', status: 429 },
  servicequotaexceededexception: { kind: 'rate_limited', status: 429 },
  modeltimeoutexception: { kind: 'upstream_timeout', status: 504 },
  modelnotreadyexception: { kind: 'upstream_error', status: 503 },
  serviceunavailableexception: { kind: 'upstream_error', status: 503 },
  internalserverexception: { kind: 'upstream_error', status: 500 },
  modelstreamerrorexception: { kind: 'upstream_error', status: 502 },
  modelerrorexception: { kind: 'upstream_error', status: 502 },
  // The gateway's own AWS credentials were refused: not the client's fault, so not a 401/403 to the client.
  accessdeniedexception: { kind: 'upstream_error', status: 502, code: 'upstream_auth_failed' },
  unrecognizedclientexception: { kind: 'upstream_error', status: 502, code: 'upstream_auth_failed' },
  expiredtokenexception: { kind: 'upstream_error', status: 502, code: 'upstream_auth_failed' },
  invalidsignatureexception: { kind: 'upstream_error', status: 502, code: 'upstream_auth_failed' },
};

function byStatus(status: number): Mapping {
  if (status === 400) return { kind: 'invalid_request', status };
  if (status === 404) return { kind: 'not_found', status };
  if (status === 408) return { kind: 'upstream_timeout', status: 504 };
  if (status === 413) return { kind: 'payload_too_large', status };
  if (status === 429) return { kind: 'rate_limited', status };
  if (status === 401 || status === 403) return { kind: 'upstream_error', status: 502, code: 'upstream_auth_failed' };
  return { kind: 'upstream_error', status: status >= 500 ? status : 502 };
}

/** `ValidationException:http://internal.amazon.com/...` and `com.amazon.coral#ValidationException` → `validationexception`. */
export function normalizeExceptionType(raw: string): string {
  const noSuffix = raw.split(':')[0];
  return noSuffix.slice(noSuffix.lastIndexOf('#') + 1).toLowerCase();
}

export function classifyBedrockException(exceptionType: string, message: string, status?: number): GatewayError {
  const mapping = BY_TYPE[normalizeExceptionType(exceptionType)] ?? byStatus(status ?? 502);
  return new GatewayError(mapping.kind, `Bedrock: ${message || exceptionType}`, {
    status: mapping.status,
    code: mapping.code,
    upstreamType: exceptionType || undefined,
  });
}

export function classifyBedrockError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): GatewayError {
  const headerType = headers['x-amzn-errortype'];
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const type = String((Array.isArray(headerType) ? headerType[0] : headerType) ?? b.__type ?? '');
  const message = typeof b.message === 'string' ? b.message : typeof b.Message === 'string' ? b.Message : `status ${status}`;
  const error = classifyBedrockException(type, message, status);
  const retryAfter = readRetryAfter(headers);
  if (error.kind === 'rate_limited' && retryAfter !== undefined) {
    return new GatewayError(error.kind, error.message, { status: error.status, code: error.code, upstreamType: error.upstreamType, retryAfter });
  }
  return error;
}
