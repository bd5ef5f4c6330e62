// The contract each distinct provider wire format implements. A codec never does I/O, retries,
// reads config or sees an HTTP request: it only turns data into data.

import type { GatewayError } from '../errors';
import type { CanonicalRequest, CanonicalResponse, StreamEvent, Usage, WireFormat } from '../formats/canonical';
import type { SettingNames } from '../formats/setting-names';

/** One server-sent event as parsed off the wire. */
export interface SseFrame {
  event?: string;
  data: string;
  /** The frame's exact bytes (including its blank-line terminator), for pass-through. */
  raw: string;
  /** Dispatches no event (comments, `id:` or `retry:` lines only): only a pass-through asks for these, to forward them. */
  eventless?: true;
}

export interface UpstreamCall {
  /** Path and query relative to the provider's base URL, e.g. `/chat/completions`. */
  path: string;
  body: unknown;
  headers?: Record<string, string>;
}

export interface DecodeStep<S> {
  state: S;
  events: StreamEvent[];
}

export interface ProviderCodec<S = unknown> {
  wire: WireFormat;
  /** How the upstream frames a stream: SSE by default; Bedrock uses AWS's binary event-stream. */
  framing?: 'sse' | 'aws-eventstream';
  /**
   * `upstreamModel` is the provider's own model name (the part after `<provider id>/`). `names`: the
   * client API's spelling of settings, for refusals (OpenAI Chat's when left out).
   */
  encodeRequest(request: CanonicalRequest, upstreamModel: string, names?: SettingNames): UpstreamCall;
  decodeResponse(body: unknown): CanonicalResponse;
  /**
   * A whole stream sent as one JSON array of its chunks (Gemini's streamGenerateContent without
   * `alt=sse`), as one response. Only a wire that has that form reads it.
   */
  decodeResponseChunks?(chunks: unknown[]): CanonicalResponse;
  initialStreamState(): S;
  /** Pure: turns one upstream frame into canonical events. `usage` events carry cumulative totals: the last one wins. */
  decodeStreamFrame(state: S, frame: SseFrame): DecodeStep<S>;
  /**
   * Pure: the events still owed once the upstream has closed its stream cleanly (a finish held back
   * for usage that never came). Not called when the stream breaks off.
   */
  decodeStreamEnd?(state: S): DecodeStep<S>;
  /** Classify an upstream error response from its status and structured fields, never its message text. */
  classifyError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): GatewayError;
  /** Usage from a native (same-format) response body, for pass-through requests. */
  usageFromResponse(body: unknown): Usage | undefined;
}
