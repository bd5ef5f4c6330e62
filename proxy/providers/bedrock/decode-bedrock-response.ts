// Bedrock Converse response / usage / stop reason → internal response.

import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../errors';
import type { CanonicalResponse, FinishReason, Usage } from '../../formats/canonical';

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  stop_sequence: 'stop_sequence',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
  model_context_window_exceeded: 'length',
};

export function mapBedrockStopReason(reason: unknown): FinishReason {
  return (typeof reason === 'string' && STOP_REASONS[reason]) || 'stop';
}

/**
 * Bedrock's inputTokens leave out cache reads and writes (its totalTokens adds them back);
 * the internal model counts every prompt token in inputTokens.
 */
export function mapBedrockUsage(usage: unknown): Usage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const cacheRead = num(u.cacheReadInputTokens);
  const cacheWrite = num(u.cacheWriteInputTokens);
  const out: Usage = { inputTokens: num(u.inputTokens) + cacheRead + cacheWrite, outputTokens: num(u.outputTokens) };
  if (cacheRead > 0) out.cachedInputTokens = cacheRead;
  if (cacheWrite > 0) out.cacheWriteTokens = cacheWrite;
  return out;
}

export function decodeBedrockResponse(body: unknown): CanonicalResponse {
  const message = (body as { output?: { message?: { content?: unknown } } } | null)?.output?.message;
  if (!message || !Array.isArray(message.content)) {
    throw new GatewayError('upstream_error', 'Bedrock returned a response without output.message.content', { code: 'upstream_bad_response' });
  }
  const parts: CanonicalResponse['parts'] = [];
  for (const block of message.content as Array<Record<string, any> | null>) {
    // A null block carries nothing, like a block of a kind this decoder does not know.
    if (typeof block !== 'object' || block === null) continue;
    if (typeof block.text === 'string') parts.push({ type: 'text', text: block.text });
    else if (block.toolUse) {
      parts.push({ type: 'tool_call', id: String(block.toolUse.toolUseId), name: String(block.toolUse.name), arguments: JSON.stringify(block.toolUse.input ?? {}) });
    } else if (block.reasoningContent) {
      const rc = block.reasoningContent;
      if (typeof rc.redactedContent === 'string') parts.push({ type: 'reasoning', text: '', redacted: rc.redactedContent });
      else if (rc.reasoningText) {
        parts.push({ type: 'reasoning', text: String(rc.reasoningText.text ?? ''), ...(rc.reasoningText.signature ? { signature: String(rc.reasoningText.signature), signedBy: 'bedrock' as const } : {}) });
      }
    }
  }
  const b = body as { stopReason?: unknown; usage?: unknown };
  const usage = mapBedrockUsage(b.usage);
  return {
    // Converse bodies carry no id or model (the request id is a header), so the caller may overwrite both.
    id: `bedrock-${randomUUID()}`,
    model: '',
    parts,
    finishReason: mapBedrockStopReason(b.stopReason),
    ...(usage ? { usage } : {}),
  };
}
