// OpenAI Chat Completions (POST /v1/chat/completions) ⇄ canonical request/response/stream.

import type { ClientFormat } from '../client-format';
import { OPENAI_CHAT_SETTING_NAMES } from '../setting-names';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response';
import { encodeOpenAIChatStreamEvent, endOpenAIChatStream, initialOpenAIChatStreamState, type OpenAIChatStreamState } from './encode-openai-chat-stream';
import { renderOpenAIError } from './render-openai-error';

export const openaiChatFormat: ClientFormat<OpenAIChatStreamState> = {
  name: 'openai-chat',
  nativeWire: 'openai',
  decodeRequest: decodeOpenAIChatRequest,
  settingNames: OPENAI_CHAT_SETTING_NAMES,
  encodeResponse: encodeOpenAIChatResponse,
  streamContentType: 'text/event-stream; charset=utf-8',
  initialStreamState: (model, clientBody) => initialOpenAIChatStreamState(model, clientBody),
  encodeStreamEvent: encodeOpenAIChatStreamEvent,
  endStream: endOpenAIChatStream,
  renderError: renderOpenAIError,
};
