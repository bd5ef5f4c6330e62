// Anthropic Messages (POST /v1/messages) ⇄ canonical request/response/stream.

import type { ClientFormat } from '../client-format';
import { ANTHROPIC_SETTING_NAMES } from '../setting-names';
import { decodeAnthropicRequest } from './decode-anthropic-request';
import { encodeAnthropicResponse } from './encode-anthropic-response';
import { encodeAnthropicStreamEvent, endAnthropicStream, initialAnthropicStreamState, type AnthropicStreamState } from './encode-anthropic-stream';
import { renderAnthropicError } from './render-anthropic-error';

export const anthropicFormat: ClientFormat<AnthropicStreamState> = {
  name: 'anthropic',
  nativeWire: 'anthropic',
  decodeRequest: decodeAnthropicRequest,
  settingNames: ANTHROPIC_SETTING_NAMES,
  encodeResponse: encodeAnthropicResponse,
  streamContentType: 'text/event-stream; charset=utf-8',
  initialStreamState: (model) => initialAnthropicStreamState(model),
  encodeStreamEvent: encodeAnthropicStreamEvent,
  endStream: endAnthropicStream,
  renderError: renderAnthropicError,
};
