// POST /v1/messages/count_tokens: forwarded to the target's own count endpoint where it has one
// (Anthropic, Gemini; with a key from the account pool, as generation), counted exactly where a public tokenizer exists (OpenAI o200k models),
// otherwise refused with a clear error — never estimated.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { resolveModel, type ResolvedRoute, type Runtime, type Target } from '../gateway/runtime';
import { anthropicFormat } from '../formats/anthropic/anthropic-format';
import { decodeAnthropicCountTokensRequest } from '../formats/anthropic/count-tokens';
import { geminiCodec } from '../providers/gemini/gemini-codec';
import { authenticate } from './authenticate';
import { parseJsonObject, readBody } from './read-body';
import { postJsonWithPooledKey } from './post-json-with-pooled-key';
import { countOpenAIPromptTokens } from './count-openai-tokens';
import { anthropicCountTokensBody } from './anthropic-count-tokens-body';
import { sendErrorNow } from './send-error';

export async function handleCountTokens(gateway: Gateway, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    authenticate(gateway.spend.clients, req, gateway.openWithoutKeys);
    const raw = await readBody(req, gateway.maxBodyBytes);
    const body = parseJsonObject(raw);
    const request = decodeAnthropicCountTokensRequest(body);
    const runtime = gateway.runtime;
    const route = resolveModel(runtime, request.model);
    const target = route.targets[0];
    if (!target) throw new GatewayError('not_found', `route ${request.model} has no targets`);
    const inputTokens = await countFor(gateway, { runtime, route, target }, body, request);
    const out = JSON.stringify({ input_tokens: inputTokens });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out), 'x-switchyard-target': target.ref });
    res.end(out);
  } catch (err) {
    sendErrorNow(res, anthropicFormat, toGatewayError(err));
  }
}

interface CountTarget {
  runtime: Runtime;
  route: ResolvedRoute;
  target: Target;
}

async function countFor(gateway: Gateway, at: CountTarget, body: Record<string, unknown>, request: ReturnType<typeof decodeAnthropicCountTokensRequest>): Promise<number> {
  const target = at.target;
  const wire = target.provider.wire;
  if (wire === 'anthropic') {
    const answer = await postJsonWithPooledKey(gateway, { ...at, path: '/messages/count_tokens', payload: anthropicCountTokensBody(body, request, target.model), headers: { 'anthropic-version': '2023-06-01' } });
    return numberField(answer, 'input_tokens', target);
  }
  if (wire === 'gemini') {
    const call = geminiCodec.encodeRequest({ ...request, stream: false }, target.model);
    const payload = { generateContentRequest: { model: `models/${target.model}`, ...(call.body as object) } };
    const answer = await postJsonWithPooledKey(gateway, { ...at, path: `/models/${encodeURIComponent(target.model)}:countTokens`, payload });
    return numberField(answer, 'totalTokens', target);
  }
  if (wire === 'openai') {
    const counted = countOpenAIPromptTokens(request, target.model);
    if ('tokens' in counted) return counted.tokens;
    throw new GatewayError('unsupported', `cannot count tokens exactly for ${target.ref}: ${counted.unknown}`);
  }
  throw new GatewayError('unsupported', `${target.ref} offers no token-count endpoint and has no public tokenizer`);
}

function numberField(answer: unknown, field: string, target: Target): number {
  const value = (answer as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'number') throw new GatewayError('upstream_error', `${target.ref} answered its token count without "${field}"`, { status: 502 });
  return value;
}
