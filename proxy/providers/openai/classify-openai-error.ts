// OpenAI-style error responses → GatewayError, from the status and the structured `error` fields.

import { GatewayError, type ErrorKind } from '../../errors';
import { isObject } from '../../formats/openai-chat/json-fields';
import { readErrorWait } from '../read-rate-limit-reset';

type Headers = Record<string, string | string[] | undefined>;

export function classifyOpenAIError(status: number, body: unknown, headers: Headers = {}): GatewayError {
  const detail = readErrorDetail(body);
  const message = detail.message ?? `upstream returned HTTP ${status}`;
  const options = { status, code: detail.code ?? detail.type, upstreamType: detail.type, retryAfter: readErrorWait(status, headers) };
  return new GatewayError(kindFor(status), message, options);
}

/** A `data: {"error":…}` frame inside a stream carries no status: infer one from its type. */
export function classifyOpenAIStreamError(body: unknown): GatewayError {
  const detail = readErrorDetail(body);
  const rateLimited = detail.type === 'rate_limit_error' || detail.code === 'rate_limit_exceeded';
  const invalid = detail.type === 'invalid_request_error';
  return classifyOpenAIError(rateLimited ? 429 : invalid ? 400 : 500, body);
}

function kindFor(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  // 401/403 are the provider refusing *our* credentials: the upstream failed, not the client.
  return 'upstream_error';
}

/**
 * OpenAI nests `{message, type, code}` under `error`; compatible servers vary: Ollama sends
 * `{"error": "text"}`, FastAPI-based ones (vLLM) `{"detail": "text"}` or `{"message": "text"}`.
 */
function readErrorDetail(body: unknown): { message?: string; type?: string; code?: string } {
  if (isObject(body) && typeof body.error === 'string') return { message: body.error };
  const error = isObject(body) && isObject(body.error) ? body.error : isObject(body) ? body : undefined;
  if (!error) return typeof body === 'string' && body.trim() !== '' ? { message: body.slice(0, 500) } : {};
  const message = typeof error.message === 'string' ? error.message : typeof error.detail === 'string' ? error.detail : undefined;
  return {
    message,
    type: typeof error.type === 'string' ? error.type : undefined,
    code: typeof error.code === 'string' ? error.code : typeof error.code === 'number' ? String(error.code) : undefined,
  };
}
