// Google service-account auth: an RS256-signed JWT exchanged for an OAuth access token, cached until shortly
// before it expires. https://developers.google.com/identity/protocols/oauth2/service-account#httprest

import { createSign } from 'node:crypto';
import { GatewayError } from '../../errors';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Refresh this long before expiry so a token never lapses mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_LIFETIME_S = 3600;

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
  project_id?: string;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export interface TokenSourceDeps {
  fetch?: FetchLike;
  /** Milliseconds since the epoch. */
  now?: () => number;
  timeoutMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Parses and checks a service-account key; errors name the missing field but never echo the key. */
export function parseServiceAccountKey(secret: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new GatewayError('invalid_request', 'the Google service-account key is not valid JSON', { status: 500, code: 'provider_config_invalid' });
  }
  const key = parsed as Partial<ServiceAccountKey>;
  for (const field of ['client_email', 'private_key'] as const) {
    if (typeof key[field] !== 'string' || key[field] === '') {
      throw new GatewayError('invalid_request', `the Google service-account key lacks "${field}"`, { status: 500, code: 'provider_config_invalid' });
    }
  }
  return key as ServiceAccountKey;
}

/** Builds the signed assertion the token endpoint expects. Pure apart from the signature itself. */
export function createServiceAccountJwt(key: ServiceAccountKey, scope: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = { iss: key.client_email, scope, aud: key.token_uri ?? DEFAULT_TOKEN_URI, iat, exp: iat + TOKEN_LIFETIME_S };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key);
  return `${unsigned}.${base64url(signature)}`;
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** Hands out access tokens per service account and scope, exchanging a fresh JWT only when needed. */
export class GoogleTokenSource {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly fetchImpl: FetchLike;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(deps: TokenSourceDeps = {}) {
    this.fetchImpl = deps.fetch ?? (globalThis.fetch as unknown as FetchLike);
    this.now = deps.now ?? Date.now;
    this.timeoutMs = deps.timeoutMs ?? 15_000;
  }

  async getAccessToken(secret: string, scope = CLOUD_PLATFORM_SCOPE): Promise<string> {
    const key = parseServiceAccountKey(secret);
    const cacheKey = `${key.client_email}\n${key.private_key_id ?? ''}\n${scope}`;
    const cached = this.cache.get(cacheKey);
    if (cached && this.now() < cached.expiresAt - REFRESH_MARGIN_MS) return cached.token;
    // Concurrent requests share one exchange instead of each minting a token.
    const pending = this.inFlight.get(cacheKey);
    if (pending) return pending;
    const exchange = this.exchange(key, scope)
      .then((fresh) => {
        this.cache.set(cacheKey, fresh);
        return fresh.token;
      })
      .finally(() => this.inFlight.delete(cacheKey));
    this.inFlight.set(cacheKey, exchange);
    return exchange;
  }

  private async exchange(key: ServiceAccountKey, scope: string): Promise<CachedToken> {
    const issuedAt = this.now();
    const assertion = createServiceAccountJwt(key, scope, issuedAt);
    const tokenUri = key.token_uri ?? DEFAULT_TOKEN_URI;
    const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString();
    let status: number;
    let text: string;
    try {
      const res = await this.fetchImpl(tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new GatewayError('upstream_unreachable', 'could not reach the Google token endpoint', { cause: err, code: 'provider_auth_failed' });
    }
    let parsed: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      // Falls through to the status/shape checks below.
    }
    if (status !== 200 || typeof parsed.access_token !== 'string') {
      const reason = typeof parsed.error === 'string' ? parsed.error : `status ${status}`;
      throw new GatewayError('upstream_error', `the Google token endpoint refused the service account (${reason})`, {
        status: status >= 500 ? 502 : 401,
        code: 'provider_auth_failed',
      });
    }
    const lifetime = typeof parsed.expires_in === 'number' ? parsed.expires_in : TOKEN_LIFETIME_S;
    return { token: parsed.access_token, expiresAt: issuedAt + lifetime * 1000 };
  }
}
