// POST /v1/messages/count_tokens: the same body as /v1/messages minus max_tokens, answered with
// `{"input_tokens": N}`. https://docs.anthropic.com/en/api/messages-count-tokens

import type { CanonicalRequest } from '../canonical';
import { expectObject } from '../openai-chat/json-fields';
import { decodeAnthropicRequest } from './decode-anthropic-request';

/** count_tokens takes no max_tokens (and no stream): decode it as a one-token, non-streaming request. */
export function decodeAnthropicCountTokensRequest(body: unknown): CanonicalRequest {
  const root = expectObject(body, 'body');
  const request = decodeAnthropicRequest({ ...root, max_tokens: 1, stream: false });
  delete request.maxTokens;
  return request;
}

export function encodeAnthropicCountTokensResponse(inputTokens: number): { input_tokens: number } {
  return { input_tokens: inputTokens };
}
