// Canonical request ⇄ Anthropic Messages wire.

import { decodeAnthropicUsage } from '../../formats/anthropic/anthropic-usage';
import { isObject } from '../../formats/openai-chat/json-fields';
import type { ProviderCodec } from '../codec';
import { classifyAnthropicError } from './classify-anthropic-error';
import { decodeAnthropicResponse } from './decode-anthropic-response';
import { decodeAnthropicStreamFrame, initialAnthropicStreamState, type AnthropicStreamState } from './decode-anthropic-stream-frame';
import { encodeAnthropicRequest } from './encode-anthropic-request';

export const anthropicCodec: ProviderCodec<AnthropicStreamState> = {
  wire: 'anthropic',
  framing: 'sse',
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  initialStreamState: initialAnthropicStreamState,
  decodeStreamFrame: decodeAnthropicStreamFrame,
  classifyError: classifyAnthropicError,
  usageFromResponse: (body) => (isObject(body) ? decodeAnthropicUsage(body.usage) : undefined),
};
