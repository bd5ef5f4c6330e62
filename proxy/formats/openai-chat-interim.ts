// Interim Chat Completions format used until the full translator lands: enough for same-format
// pass-through (model, stream flag, error shapes). Cross-format translation refuses clearly.

import { GatewayError } from '../errors';
import type { CanonicalRequest } from './canonical';
import type { ClientFormat, RenderedError } from './client-format';

const OPENAI_ERROR_TYPE: Record<string, string> = {
  invalid_request: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  unauthorized: 'authentication_error',
  forbidden: 'permission_error',
  budget_exceeded: 'insufficient_quota',
  not_found: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  upstream_timeout: 'api_error',
  upstream_unreachable: 'api_error',
  upstream_error: 'api_error',
  internal: 'api_error',
};

export function renderOpenAIError(error: GatewayError): RenderedError {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfter));
  return {
    status: error.status,
    headers,
    body: { error: { message: error.message, type: error.upstreamType ?? OPENAI_ERROR_TYPE[error.kind], code: error.code, param: null } },
  };
}

export const openaiChatInterimFormat: ClientFormat<null> = {
  name: 'openai-chat',
  nativeWire: 'openai',
  streamContentType: 'text/event-stream; charset=utf-8',
  decodeRequest(body) {
    const b = body as Record<string, unknown>;
    if (typeof b.model !== 'string' || b.model === '') throw new GatewayError('invalid_request', '"model" must be a non-empty string', { code: 'invalid_value' });
    if (!Array.isArray(b.messages)) throw new GatewayError('invalid_request', '"messages" must be an array', { code: 'invalid_value' });
    if (b.stream !== undefined && typeof b.stream !== 'boolean') throw new GatewayError('invalid_request', '"stream" must be a boolean', { code: 'invalid_value' });
    const request: CanonicalRequest = { model: b.model, messages: [], stream: b.stream === true };
    return request;
  },
  encodeResponse() {
    throw new GatewayError('unsupported', 'translation to Chat Completions is not available in this build');
  },
  initialStreamState: () => null,
  encodeStreamEvent(state, event) {
    if (event.type === 'error') return { state, out: `data: ${JSON.stringify(renderOpenAIError(event.error).body)}\n\n` };
    throw new GatewayError('unsupported', 'translation to Chat Completions is not available in this build');
  },
  endStream: () => 'data: [DONE]\n\n',
  renderError: renderOpenAIError,
};
