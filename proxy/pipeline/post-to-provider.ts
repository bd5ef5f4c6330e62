// Sends one POST to a provider: Azure deployment paths, the provider's own auth scheme, the
// first-byte timeout; a non-2xx answer becomes a classified GatewayError with secrets scrubbed.

import { GatewayError } from '../errors';
import { authorizeRequest } from '../providers/auth/authorize';
import { rewriteUpstreamCallForAzure } from '../providers/azure/azure-openai';
import type { Target } from '../gateway/runtime';
import type { UpstreamClient, UpstreamResponse } from '../upstream/upstream-client';
import { classifyUpstreamStatus } from './classify-upstream-status';
import { scrubSecrets } from './scrub-secrets';
import { setJsonFields } from './set-json-fields';
import type { AttemptCancel } from '../upstream/attempt-cancel';

export interface ProviderPost {
  /** Path and query relative to the provider's base URL. */
  path: string;
  body: string | Buffer;
  headers: Record<string, string>;
  /** The key of the account routing chose; defaults to the provider's first key. */
  secret?: string;
  /** Aborts the attempt (timeout before the first byte, deadline, client gone). */
  cancel?: AttemptCancel;
  /** Classifies an error answer; the default reads the OpenAI/Anthropic/Gemini error shapes. */
  classify?: (status: number, body: unknown, headers: UpstreamResponse['headers']) => GatewayError;
}

const MAX_ERROR_BODY = 64 * 1024;
const UNDICI_BACKSTOP_MS = 1_000;

/** Resolves with the response on 2xx (body unread); throws a GatewayError otherwise. */
export async function postToProvider(upstream: UpstreamClient, target: Target, post: ProviderPost): Promise<UpstreamResponse> {
  const provider = target.provider;
  let path = post.path;
  let body = post.body;
  if (provider.azure) {
    const rewritten = rewriteUpstreamCallForAzure({ path, body: {} }, target.model, provider.azure);
    path = rewritten.path;
    // Versionless and resource-level Azure APIs take the deployment as the body's model.
    const deployment = (rewritten.body as { model?: string }).model;
    if (deployment !== undefined) body = setJsonFields(typeof body === 'string' ? Buffer.from(body) : body, { model: deployment });
  }
  const secret = post.secret ?? provider.secret;
  const signed = await authorizeRequest(provider.auth, secret, { method: 'POST', url: provider.baseUrl + path, headers: post.headers, body }, provider.authOptions);
  // With a cancel, routing cuts the attempt at timeoutMs itself; undici's header timer ticks in
  // half-seconds and may fire early, so it only stands behind as a backstop.
  const timeoutMs = post.cancel ? provider.timeoutMs + UNDICI_BACKSTOP_MS : provider.timeoutMs;
  const response = await upstream.send({ url: new URL(signed.url), method: 'POST', headers: signed.headers, body, timeoutMs, idleTimeoutMs: provider.idleTimeoutMs, cancel: post.cancel });
  if (response.status >= 200 && response.status < 300) return response;
  const text = scrubSecrets(await readErrorText(response), provider.scrubSecrets);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = post.classify ? post.classify(response.status, parsed ?? text, response.headers) : classifyUpstreamStatus(response.status, parsed, response.headers, text);
  error.upstreamStatus = response.status;
  throw isKeyRefusal(response.status, error) ? keyRefused(provider.id, error) : error;
}

/**
 * The provider refused the key itself, not the request: 401/403; Google's 400 API_KEY_INVALID,
 * which its classifier reads as the 401 it means; or an OpenAI account out of credit, a 429 that
 * waiting will not cure.
 */
function isKeyRefusal(status: number, error: GatewayError): boolean {
  if (status === 401 || status === 403) return true;
  if (error.kind === 'upstream_error' && (error.status === 401 || error.status === 403)) return true;
  return error.code === 'insufficient_quota';
}

/**
 * The provider refused the key Switchyard holds for it. The client's own key was fine, so it must
 * not see a 401/403 (Claude Code, for one, would ask its user to log in again): a 502 naming the
 * provider. Its code tells routing to move on to the provider's next key.
 */
function keyRefused(providerId: string, error: GatewayError): GatewayError {
  const refused = new GatewayError('upstream_error', `provider "${providerId}" refused the key Switchyard holds for it (HTTP ${error.upstreamStatus}): ${error.message}`, { status: 502, code: 'upstream_key_refused', cause: error });
  refused.upstreamStatus = error.upstreamStatus;
  return refused;
}

async function readErrorText(response: UpstreamResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    await response.body.read((chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_ERROR_BODY) response.body.destroy();
    });
  } catch {
    // Cut at the limit, or a body that died while we read it: the status still classifies it.
  }
  return Buffer.concat(chunks).toString();
}
