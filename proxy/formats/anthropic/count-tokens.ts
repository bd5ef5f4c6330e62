// POST /v1/messages/count_tokens: the same body as /v1/messages minus max_tokens, answered with
// `{"input_tokens": N}`. https://docs.anthropic.com/en/api/messages-count-tokens

import type { CanonicalRequest } from '../canonical';
import { expectObject } from '../openai-chat/json-fields';
import { decodeAnthropicRequest } from './decode-anthropic-request';

/**
 * count_tokens takes no max_tokens (and no stream): decode it as a non-streaming request whose
 * max_tokens is out of reach, so Messages' "budget_tokens below max_tokens" rule, which has nothing
 * to compare against here, never refuses a count with extended thinking on.
 */
export function decodeAnthropicCountTokensRequest(body: unknown): CanonicalRequest {
  const root = expectObject(body, 'body');
  const request = decodeAnthropicRequest({ ...root, max_tokens: Number.MAX_SAFE_INTEGER, stream: false });
  delete request.maxTokens;
  return request;
}

export function encodeAnthropicCountTokensResponse(inputTokens: number): { input_tokens: number } {
  return { input_tokens: inputTokens };
}
