// Same format on both sides: the client's body goes upstream as it is, except for the top-level
// fields a feature must change (the provider's model name; asking for streamed usage), which are
// edited in the bytes (set-json-fields.ts). Frames come back byte for byte; they are only read to
// learn the usage.

import type { CanonicalRequest, ClientFormatName, Usage, WireFormat } from '../formats/canonical';
import type { SseFrame } from '../providers/codec';
import { codecFor } from '../providers/codecs';
import { decodeOpenAIUsage } from '../formats/openai-chat/openai-usage';
import { hasForeignReasoning } from './has-foreign-reasoning';
import { GatewayError } from '../errors';
import { classifyOpenAIStreamError } from '../providers/openai/classify-openai-error';

export interface PreparedBody {
  /** Top-level fields to set in the client's bytes before they go upstream; none: sent as they are. */
  fields?: Record<string, unknown>;
  path: string;
  headers?: Record<string, string>;
  /** We asked the upstream for a usage chunk the client did not ask for: strip it from the stream. */
  stripUsageChunk: boolean;
}

export interface FrameScan {
  state: unknown;
  usage?: Usage;
  /** The upstream said its stream is complete (so an end without this is a truncation). */
  finished?: boolean;
  /** Do not forward this frame to the client. */
  drop: boolean;
  /** The frame is the provider's own error event: the stream failed, whatever follows. */
  error?: GatewayError;
  /**
   * That error frame is not in the shape its API documents, so the client's SDK could not read it
   * as an error: it is dropped, and the error goes out in the client's own framing instead.
   */
  malformedError?: boolean;
  /** The frame is not what the wire sends (its data is not JSON): the client could not read it, and the stream fails here. */
  broken?: GatewayError;
}

export interface Passthrough {
  prepare(body: Record<string, unknown>, upstreamModel: string, stream: boolean, streamUsage: boolean): PreparedBody;
  initialScanState(): unknown;
  scanFrame(state: unknown, frame: SseFrame, stripUsageChunk: boolean): FrameScan;
  usageFromBody(body: unknown): Usage | undefined;
  /** The upstream would refuse this request verbatim: the provider codec must re-encode it. */
  refuses?(request: CanonicalRequest): boolean;
}

const USAGE_OBJECT = /"usage"\s*:\s*\{/;
const ERROR_OBJECT = /^\s*\{\s*"error"\s*:/;

/** OpenAI usage (also DeepSeek's cache-hit field), read by the Chat format's own decoder. */
export const openaiUsage = decodeOpenAIUsage;

function modelField(body: Record<string, unknown>, model: string): Record<string, unknown> | undefined {
  return body.model === model ? undefined : { model };
}

const openaiChatPassthrough: Passthrough = {
  prepare(body, upstreamModel, stream, streamUsage) {
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const inject = stream && streamUsage && !wantsUsage;
    if (!inject) return { fields: modelField(body, upstreamModel), path: '/chat/completions', stripUsageChunk: false };
    const streamOptions = { ...(body.stream_options as object | undefined), include_usage: true };
    return { fields: { ...modelField(body, upstreamModel), stream_options: streamOptions }, path: '/chat/completions', stripUsageChunk: true };
  },
  initialScanState: () => null,
  scanFrame(state, frame, stripUsageChunk) {
    if (frame.data === '[DONE]') return { state, drop: false, finished: true };
    // Every other frame is one JSON object. Checking its ends, not parsing it, keeps the hot path
    // cheap and still catches the usual breakage: a line cut short.
    if (frame.data !== '' && !looksLikeJsonObject(frame.data)) return { state, drop: true, broken: notJson() };
    if (ERROR_OBJECT.test(frame.data)) {
      const body = parseJson(frame.data);
      if (body === NOT_JSON) return { state, drop: true, broken: notJson() };
      const error = classifyOpenAIStreamError(body);
      return readsAsOpenAIError(body) ? { state, drop: false, finished: true, error } : { state, drop: true, finished: true, error, malformedError: true };
    }
    if (!USAGE_OBJECT.test(frame.data)) return { state, drop: false };
    let chunk: { usage?: unknown; choices?: unknown[] };
    try {
      chunk = JSON.parse(frame.data);
    } catch {
      return { state, drop: true, broken: notJson() };
    }
    const usage = openaiUsage(chunk.usage);
    return { state, usage, drop: stripUsageChunk && Array.isArray(chunk.choices) && chunk.choices.length === 0 };
  },
  usageFromBody(body) {
    return openaiUsage((body as { usage?: unknown } | null)?.usage);
  },
};

function looksLikeJsonObject(data: string): boolean {
  const text = data.trim();
  return text.charCodeAt(0) === 123 /* { */ && text.charCodeAt(text.length - 1) === 125 /* } */;
}

function notJson(): GatewayError {
  return new GatewayError('upstream_error', 'upstream sent a stream frame that is not JSON', { status: 502, code: 'upstream_bad_frame' });
}

const NOT_JSON = Symbol('not JSON');

/** Read on the error path only: a frame's data, or NOT_JSON. */
function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return NOT_JSON;
  }
}

/** The `error` object of an error frame's body, if it has one. */
function errorObject(body: unknown): Record<string, unknown> | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'object' && error !== null && !Array.isArray(error) ? (error as Record<string, unknown>) : undefined;
}

// What each API's own SDK reads as an error frame, as documented: OpenAI `{"error": {"message", …}}`
// (its SDK takes any truthy `error`, so `{"error": 0}` would reach the caller as an answer chunk);
// Anthropic an `error` event whose error has a type and message
// (https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events; its SDK ignores an
// error without the event name); Google `{"error": {"code", "message", "status"}}`, which its SDK
// throws only for a code that is an HTTP error status.
const readsAsOpenAIError = (body: unknown): boolean => typeof errorObject(body)?.message === 'string';

function readsAsAnthropicError(body: unknown, frame: SseFrame): boolean {
  const error = errorObject(body);
  return frame.event === 'error' && typeof error?.type === 'string' && typeof error.message === 'string';
}

function readsAsGeminiError(body: unknown): boolean {
  const error = errorObject(body);
  return typeof error?.message === 'string' && typeof error.code === 'number' && error.code >= 400 && error.code < 600;
}

/** The provider's own error report: an `error` event, a `type: "error"` body, or a body with an `error` field (first or not). */
function isErrorReport(body: unknown, frame: SseFrame): boolean {
  if (frame.event === 'error') return true;
  if (typeof body !== 'object' || body === null) return false;
  const { type, error } = body as { type?: unknown; error?: unknown };
  return type === 'error' || (error !== undefined && error !== null);
}

/** Usage from a native stream, read through the provider codec's own frame decoder. */
function codecUsageScan(wire: WireFormat, readsAsError: (body: unknown, frame: SseFrame) => boolean): Pick<Passthrough, 'initialScanState' | 'scanFrame' | 'usageFromBody'> {
  return {
    initialScanState: () => codecFor(wire)?.initialStreamState(),
    scanFrame(state, frame) {
      const codec = codecFor(wire);
      if (!codec) return { state, drop: false };
      const step = codec.decodeStreamFrame(state, frame);
      let usage: Usage | undefined;
      let finished = false;
      let error: GatewayError | undefined;
      let malformedError = false;
      for (const event of step.events) {
        if (event.type === 'usage') usage = event.usage;
        else if (event.type === 'finish') finished = true;
        else if (event.type === 'error') {
          const body = parseJson(frame.data);
          // Data that is not JSON at all: the client's own SDK could not read it either.
          if (frame.data.trim() !== '' && body === NOT_JSON) return { state: step.state, drop: true, broken: notJson() };
          // JSON our decoder cannot read that is no error report (a Gemini part it cannot make sense
          // of): not what the wire sends, so the stream fails here, as for a frame that is not JSON.
          if (!isErrorReport(body, frame)) return { state: step.state, drop: true, broken: event.error };
          finished = true;
          error = event.error;
          malformedError = !readsAsError(body, frame);
        }
      }
      return malformedError ? { state: step.state, usage, finished, drop: true, error, malformedError } : { state: step.state, usage, finished, drop: false, error };
    },
    usageFromBody: (body) => codecFor(wire)?.usageFromResponse(body),
  };
}

const anthropicPassthrough: Passthrough = {
  prepare: (body, upstreamModel) => ({ fields: modelField(body, upstreamModel), path: '/messages', headers: { 'anthropic-version': '2023-06-01' }, stripUsageChunk: false }),
  ...codecUsageScan('anthropic', readsAsAnthropicError),
  // The codec leaves unsigned or foreign-signed thinking out; verbatim, Anthropic refuses the whole request.
  refuses: (request) => hasForeignReasoning(request, 'anthropic', true),
};

const geminiPassthrough: Passthrough = {
  // Gemini carries the model and the stream mode in the URL, not the body.
  prepare: (_body, upstreamModel, stream) => ({
    path: `/models/${encodeURIComponent(upstreamModel)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    stripUsageChunk: false,
  }),
  ...codecUsageScan('gemini', readsAsGeminiError),
  // Another family's signature (behind its marker) is refused by Gemini; the codec leaves it out.
  refuses: (request) => hasForeignReasoning(request, 'gemini', false),
};

const PASSTHROUGH: Partial<Record<ClientFormatName, { wire: WireFormat; passthrough: Passthrough }>> = {
  'openai-chat': { wire: 'openai', passthrough: openaiChatPassthrough },
  anthropic: { wire: 'anthropic', passthrough: anthropicPassthrough },
  gemini: { wire: 'gemini', passthrough: geminiPassthrough },
};

/** The pass-through for this client format when the provider speaks it natively. */
export function passthroughFor(format: ClientFormatName, wire: WireFormat): Passthrough | undefined {
  const entry = PASSTHROUGH[format];
  return entry && entry.wire === wire ? entry.passthrough : undefined;
}
