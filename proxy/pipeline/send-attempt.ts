// One upstream attempt: render the request for the target's wire format (pass-through or a
// provider codec), then post it; a non-2xx answer becomes a classified GatewayError.

import type { CanonicalRequest, WireFormat } from '../formats/canonical';
import type { ClientFormat } from '../formats/client-format';
import { GatewayError } from '../errors';
import { codecFor } from '../providers/codecs';
import { dropForeignHints, untranslatableExtras } from '../providers/foreign-extras';
import type { ProviderCodec } from '../providers/codec';
import type { Target } from '../gateway/runtime';
import type { UpstreamClient, UpstreamResponse } from '../upstream/upstream-client';
import { passthroughFor, type Passthrough } from './passthrough';
import { postToProvider } from './post-to-provider';
import { setJsonFields } from './set-json-fields';
import { optimizeAttempt, type AppliedOptimization, type AttemptOptimization } from '../optimize/optimize-attempt';
import type { AttemptCancel } from '../upstream/attempt-cancel';

export interface AttemptInput {
  format: ClientFormat<any>;
  request: CanonicalRequest;
  body: Record<string, unknown>;
  raw: Buffer;
  target: Target;
  clientHeaders: Record<string, string>;
  /** The key of the account routing chose; defaults to the provider's first key. */
  secret?: string;
  /** Aborts the attempt (timeout before the first byte, deadline, client gone). */
  cancel?: AttemptCancel;
  /** Compression and prompt-cache hints decided for this request (proxy/optimize). */
  optimize?: AttemptOptimization;
}

/** How the answer must be read: passed through natively, or decoded by a provider codec. */
export type AttemptMode =
  | { kind: 'passthrough'; passthrough: Passthrough; stripUsageChunk: boolean; wire: WireFormat }
  | { kind: 'translate'; codec: ProviderCodec<any> };

export interface AttemptResult {
  response: UpstreamResponse;
  mode: AttemptMode;
  sentAt: number;
  /** The provider's keys: an upstream that echoes one back must not hand it to the client. */
  secrets: readonly string[];
  /** What optimisation this attempt actually sent. */
  applied?: AppliedOptimization;
}

export async function sendAttempt(upstream: UpstreamClient, input: AttemptInput): Promise<AttemptResult> {
  const { target } = input;
  const provider = target.provider;
  // Pass-through forwards SSE bytes as they are, so it needs a client that reads SSE.
  const sseClient = !input.request.stream || input.format.streamContentType.startsWith('text/event-stream');
  let passthrough = sseClient ? passthroughFor(input.format.name, provider.wire) : undefined;
  const refusedVerbatim = passthrough?.refuses?.(input.request) === true;
  if (refusedVerbatim) passthrough = undefined;
  const optimized = input.optimize ? optimizeAttempt(input.request, input.optimize, provider, passthrough !== undefined) : undefined;
  const request = optimized?.request ?? input.request;
  if (optimized?.translate) passthrough = undefined;
  // Still the client's own API: its headers (beta flags, versions) go along as they would have.
  const sameApiReencoded = optimized?.translate === true || refusedVerbatim;
  const cacheKey = optimized?.applied.promptCacheKey;
  let path: string;
  let body: string | Buffer;
  let mode: AttemptMode;
  let extraHeaders: Record<string, string> | undefined;
  if (passthrough) {
    const keyed = cacheKey !== undefined && input.format.name === 'openai-chat' && input.body.prompt_cache_key === undefined;
    const prepared = passthrough.prepare(input.body, target.model, request.stream, provider.streamUsage);
    const fields = keyed ? { ...prepared.fields, prompt_cache_key: cacheKey } : prepared.fields;
    path = prepared.path;
    body = fields ? setJsonFields(input.raw, fields) : input.raw;
    extraHeaders = prepared.headers;
    mode = { kind: 'passthrough', passthrough, stripUsageChunk: prepared.stripUsageChunk, wire: provider.wire };
  } else {
    const codec = codecFor(provider.wire);
    const encodable = dropForeignHints(request, provider.wire);
    const extras = describeExtras(untranslatableExtras(encodable, provider.wire));
    if (extras.length > 0) {
      throw new GatewayError('unsupported', `${target.ref} speaks ${provider.wire}, which cannot honour: ${extras.join(', ')}; remove ${extras.length > 1 ? 'them' : 'it'} or route to a provider that speaks ${input.format.name} natively`);
    }
    if (!codec) throw new GatewayError('unsupported', `provider "${provider.id}" speaks ${provider.wire}, which this build cannot translate ${input.format.name} requests to`);
    const call = codec.encodeRequest(encodable, target.model, input.format.settingNames);
    if (cacheKey !== undefined && (call.body as Record<string, unknown>).prompt_cache_key === undefined) call.body = { ...(call.body as object), prompt_cache_key: cacheKey };
    path = call.path;
    body = JSON.stringify(call.body);
    extraHeaders = call.headers;
    mode = { kind: 'translate', codec };
  }

  // Precedence: our defaults, then the client's own API headers (same format only), then the
  // provider's configured headers, then what a translating codec requires.
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: request.stream ? 'text/event-stream' : 'application/json',
    ...(mode.kind === 'passthrough' ? { ...extraHeaders, ...input.clientHeaders } : {}),
    ...(sameApiReencoded ? input.clientHeaders : {}),
    ...provider.headers,
    ...(mode.kind === 'translate' ? extraHeaders : {}),
  };
  if (mode.kind === 'translate' && mode.codec.framing === 'aws-eventstream' && request.stream) headers.accept = 'application/vnd.amazon.eventstream';
  const sentAt = performance.now();
  const codec = mode.kind === 'translate' ? mode.codec : undefined;
  const response = await postToProvider(upstream, target, {
    path, body, headers, secret: input.secret, cancel: input.cancel,
    classify: codec && ((status, errorBody, errorHeaders) => codec.classifyError(status, errorBody, errorHeaders)),
  });
  return { response, mode, sentAt, secrets: provider.scrubSecrets, applied: optimized?.applied };
}

/** Each extra by its wire path, with its `type` where it has one, so "tools[0]" reads "tools[0] (web_search)". */
function describeExtras(extras: Record<string, unknown> | undefined): string[] {
  return Object.entries(extras ?? {}).map(([path, value]) => {
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    return typeof type === 'string' ? `${path} (${type})` : path;
  });
}
