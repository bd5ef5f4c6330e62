// Same format on both sides: the client's body goes upstream as it is, except where a feature must
// change it (the provider's model name; asking for streamed usage). Per wire format.

import type { ClientFormatName, Usage, WireFormat } from '../formats/canonical';
import type { SseFrame } from '../providers/codec';

export interface PreparedBody {
  /** The bytes to send upstream. */
  body: string | Buffer;
  path: string;
  /** We asked the upstream for a usage chunk the client did not ask for: strip it from the stream. */
  stripUsageChunk: boolean;
}

export interface FrameScan {
  usage?: Usage;
  /** Do not forward this frame to the client. */
  drop: boolean;
}

export interface Passthrough {
  prepare(body: Record<string, unknown>, raw: Buffer, upstreamModel: string, stream: boolean, streamUsage: boolean): PreparedBody;
  scanFrame(frame: SseFrame, stripUsageChunk: boolean): FrameScan;
  usageFromBody(body: unknown): Usage | undefined;
}

const USAGE_OBJECT = /"usage"\s*:\s*\{/;

export function openaiUsage(u: Record<string, any> | null | undefined): Usage | undefined {
  if (!u || typeof u.prompt_tokens !== 'number') return undefined;
  const usage: Usage = { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens ?? 0 };
  const cached = u.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') usage.cachedInputTokens = cached;
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  return usage;
}

const openaiChatPassthrough: Passthrough = {
  prepare(body, raw, upstreamModel, stream, streamUsage) {
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const inject = stream && streamUsage && !wantsUsage;
    if (body.model === upstreamModel && !inject) return { body: raw, path: '/chat/completions', stripUsageChunk: false };
    const out: Record<string, unknown> = { ...body, model: upstreamModel };
    if (inject) out.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
    return { body: JSON.stringify(out), path: '/chat/completions', stripUsageChunk: inject };
  },
  scanFrame(frame, stripUsageChunk) {
    if (!USAGE_OBJECT.test(frame.data)) return { drop: false };
    let chunk: { usage?: Record<string, any>; choices?: unknown[] };
    try {
      chunk = JSON.parse(frame.data);
    } catch {
      return { drop: false };
    }
    const usage = openaiUsage(chunk.usage);
    return { usage, drop: stripUsageChunk && Array.isArray(chunk.choices) && chunk.choices.length === 0 };
  },
  usageFromBody(body) {
    return openaiUsage((body as { usage?: Record<string, any> } | null)?.usage);
  },
};

const PASSTHROUGH: Partial<Record<ClientFormatName, { wire: WireFormat; passthrough: Passthrough }>> = {
  'openai-chat': { wire: 'openai', passthrough: openaiChatPassthrough },
};

/** The pass-through for this client format when the provider speaks it natively. */
export function passthroughFor(format: ClientFormatName, wire: WireFormat): Passthrough | undefined {
  const entry = PASSTHROUGH[format];
  return entry && entry.wire === wire ? entry.passthrough : undefined;
}
