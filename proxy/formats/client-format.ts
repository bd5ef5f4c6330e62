// The contract each client-facing API implements: decode what the client sent into the canonical
// request, and render canonical responses, stream events and errors back in the client's own shape.

import type { GatewayError } from '../errors';
import type { CanonicalRequest, CanonicalResponse, ClientFormatName, StreamEvent, WireFormat } from './canonical';
import type { SettingNames } from './setting-names';

export interface RenderedError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Output of one stream-encoding step: the bytes to write now and the state for the next event. */
export interface EncodeStep<S> {
  state: S;
  out: string;
}

export interface ClientFormat<S = unknown> {
  name: ClientFormatName;
  /** The provider wire format that speaks this API natively, so bodies can pass through untouched. */
  nativeWire: WireFormat;
  /**
   * Throws GatewayError('invalid_request' | 'unsupported') naming the offending field.
   * `hints` carries what some APIs put in the URL rather than the body (Gemini's model and stream mode).
   */
  decodeRequest(body: unknown, hints?: { model?: string; stream?: boolean }): CanonicalRequest;
  /** This API's own names for the settings a provider may refuse, for the refusal's message. */
  settingNames: SettingNames;
  /** `model` is the name the client asked for, echoed back as the client expects. */
  encodeResponse(response: CanonicalResponse, model: string): unknown;
  streamContentType: string;
  /**
   * `clientBody` is the raw body the client sent (the one given to decodeRequest), for stream-only
   * wishes with no canonical home, e.g. OpenAI's `stream_options.include_usage`.
   */
  initialStreamState(model: string, clientBody?: unknown): S;
  /** Pure: turns one canonical event into the client's framing. */
  encodeStreamEvent(state: S, event: StreamEvent): EncodeStep<S>;
  /** Called once after the last event (e.g. writes `data: [DONE]`). */
  endStream(state: S): string;
  renderError(error: GatewayError): RenderedError;
}
