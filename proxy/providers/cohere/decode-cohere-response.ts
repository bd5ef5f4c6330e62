// Cohere v2 Chat response, usage, finish reason and errors → internal shapes.

import { GatewayError } from '../../errors';
import { readRetryAfter } from '../read-retry-after';
import type { CanonicalResponse, FinishReason, Usage } from '../../formats/canonical';

const FINISH: Record<string, FinishReason> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop_sequence',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR: 'error',
  TIMEOUT: 'error',
};

export function mapCohereFinish(reason: unknown): FinishReason {
  return (typeof reason === 'string' && FINISH[reason]) || 'stop';
}

/** Billed units are what Cohere charges for; raw token counts (which include its prompt template) are the fallback. */
export function mapCohereUsage(usage: unknown): Usage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as { billed_units?: Record<string, unknown>; tokens?: Record<string, unknown>; cached_tokens?: unknown };
  const pick = (field: string) => {
    const billed = u.billed_units?.[field];
    const raw = u.tokens?.[field];
    return typeof billed === 'number' ? billed : typeof raw === 'number' ? raw : undefined;
  };
  const input = pick('input_tokens');
  const output = pick('output_tokens');
  if (input === undefined && output === undefined) return undefined;
  const out: Usage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  if (typeof u.cached_tokens === 'number' && u.cached_tokens > 0) out.cachedInputTokens = u.cached_tokens;
  return out;
}

export function decodeCohereResponse(body: unknown): CanonicalResponse {
  const b = body as { id?: unknown; finish_reason?: unknown; message?: Record<string, any>; usage?: unknown } | null;
  const message = b?.message;
  if (!message || typeof message !== 'object') {
    throw new GatewayError('upstream_error', 'Cohere returned a response without a message', { code: 'upstream_bad_response' });
  }
  const parts: CanonicalResponse['parts'] = [];
  if (typeof message.tool_plan === 'string' && message.tool_plan) parts.push({ type: 'reasoning', text: message.tool_plan });
  for (const block of Array.isArray(message.content) ? message.content : []) {
    if (block?.type === 'thinking' && typeof block.thinking === 'string') parts.push({ type: 'reasoning', text: block.thinking });
    else if (block?.type === 'text' && typeof block.text === 'string') parts.push({ type: 'text', text: block.text });
  }
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    // A null entry carries no call, as a null content block carries no text.
    if (typeof call !== 'object' || call === null) continue;
    parts.push({ type: 'tool_call', id: String(call.id), name: String(call.function?.name ?? ''), arguments: String(call.function?.arguments ?? '{}') });
  }
  const usage = mapCohereUsage(b?.usage);
  return { id: String(b?.id ?? ''), model: '', parts, finishReason: mapCohereFinish(b?.finish_reason), ...(usage ? { usage } : {}) };
}

/** Cohere errors are `{"message": "..."}` (v2 adds `id`): only the status says what kind. */
export function classifyCohereError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): GatewayError {
  const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : `status ${status}`;
  const text = `Cohere: ${message}`;
  if (status === 400 || status === 422) return new GatewayError('invalid_request', text, { status: 400 });
  if (status === 404) return new GatewayError('not_found', text);
  if (status === 413) return new GatewayError('payload_too_large', text);
  if (status === 429) return new GatewayError('rate_limited', text, { retryAfter: readRetryAfter(headers) });
  // Our own key was refused or the account cannot pay: not the client's doing.
  if (status === 401 || status === 403 || status === 402) return new GatewayError('upstream_error', text, { status: 502, code: 'upstream_auth_failed' });
  if (status === 408 || status === 504) return new GatewayError('upstream_timeout', text);
  return new GatewayError('upstream_error', text, { status: status >= 500 ? status : 502 });
}
