// Classifies an upstream error answer by its status and structured fields (never message text),
// keeping the provider's message and error type so a same-format client sees them unchanged.

import { GatewayError, type ErrorKind } from '../errors';
import { isGoogleKeyRefusal } from '../providers/gemini/classify-gemini-error';
import { readErrorWait } from '../providers/read-rate-limit-reset';

type Headers = Record<string, string | string[] | undefined>;

function kindForStatus(status: number): ErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 408 || status === 504) return 'upstream_timeout';
  if (status >= 500) return 'upstream_error';
  if (status === 401 || status === 403) return 'upstream_error';
  return 'invalid_request';
}

/** Reads `{error: {message, type, code}}` (OpenAI), `{type:'error', error:{type,message}}` (Anthropic) and `{error:{status,message}}` (Gemini). */
export function classifyUpstreamStatus(status: number, body: unknown, headers: Headers, fallbackText = ''): GatewayError {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const message = typeof error?.message === 'string' ? error.message : fallbackText.slice(0, 500) || `upstream answered HTTP ${status}`;
  const upstreamType = typeof error?.type === 'string' ? error.type : typeof error?.status === 'string' ? error.status : undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  // A Gemini passthrough's bad key arrives as a 400: read as what it is, the provider refusing our key.
  const httpStatus = status === 400 && isGoogleKeyRefusal(body) ? 401 : status;
  return new GatewayError(kindForStatus(httpStatus), message, {
    status: httpStatus >= 400 && httpStatus < 600 ? httpStatus : 502,
    code: code ?? upstreamType,
    upstreamType,
    retryAfter: readErrorWait(httpStatus, headers),
  });
}
