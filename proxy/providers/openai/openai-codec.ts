// Canonical request ⇄ OpenAI Chat Completions wire (OpenAI and every OpenAI-compatible provider).

import { decodeOpenAIUsage } from '../../formats/openai-chat/openai-usage';
import { isObject } from '../../formats/openai-chat/json-fields';
import type { ProviderCodec } from '../codec';
import { classifyOpenAIError } from './classify-openai-error';
import { decodeOpenAIResponse } from './decode-openai-response';
import { decodeOpenAIStreamFrame, initialOpenAIStreamState, type OpenAIStreamState } from './decode-openai-stream-frame';
import { encodeOpenAIRequest } from './encode-openai-request';

export const openaiCodec: ProviderCodec<OpenAIStreamState> = {
  wire: 'openai',
  framing: 'sse',
  encodeRequest: encodeOpenAIRequest,
  decodeResponse: decodeOpenAIResponse,
  initialStreamState: initialOpenAIStreamState,
  decodeStreamFrame: decodeOpenAIStreamFrame,
  classifyError: classifyOpenAIError,
  usageFromResponse: (body) => (isObject(body) ? decodeOpenAIUsage(body.usage) : undefined),
};
