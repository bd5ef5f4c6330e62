// Gemini generateContent / streamGenerateContent (client side) ⇄ canonical request and response.

import type { ClientFormat } from '../client-format';
import { GEMINI_SETTING_NAMES } from '../setting-names';
import { decodeGeminiRequest } from './decode-gemini-request';
import { encodeGeminiResponse } from './encode-gemini-response';
import { encodeGeminiStreamEvent, endGeminiStream, initialGeminiStreamState, type GeminiStreamState } from './encode-gemini-stream';
import { renderGeminiError } from './render-gemini-error';

export const geminiFormat: ClientFormat<GeminiStreamState> = {
  name: 'gemini',
  nativeWire: 'gemini',
  decodeRequest: decodeGeminiRequest,
  settingNames: GEMINI_SETTING_NAMES,
  encodeResponse: encodeGeminiResponse,
  // Only the `alt=sse` framing, which both Google SDKs request.
  streamContentType: 'text/event-stream',
  initialStreamState: initialGeminiStreamState,
  encodeStreamEvent: encodeGeminiStreamEvent,
  endStream: endGeminiStream,
  renderError: renderGeminiError,
};
