// OpenAI Responses API (POST /v1/responses, client side) ⇄ canonical request and response.

import type { ClientFormat } from '../client-format';
import { OPENAI_RESPONSES_SETTING_NAMES } from '../setting-names';
import { decodeResponsesRequest } from './decode-responses-request';
import { encodeResponsesResponse } from './encode-responses-response';
import { encodeResponsesStreamEvent, endResponsesStream, initialResponsesStreamState, type ResponsesStreamState } from './encode-responses-stream';
import { renderResponsesError } from './render-responses-error';

export const openaiResponsesFormat: ClientFormat<ResponsesStreamState> = {
  name: 'openai-responses',
  nativeWire: 'openai',
  decodeRequest: (body) => decodeResponsesRequest(body),
  settingNames: OPENAI_RESPONSES_SETTING_NAMES,
  encodeResponse: encodeResponsesResponse,
  streamContentType: 'text/event-stream',
  initialStreamState: initialResponsesStreamState,
  encodeStreamEvent: encodeResponsesStreamEvent,
  endStream: endResponsesStream,
  renderError: renderResponsesError,
};
