// Adds a provider's credentials to an outgoing request, in the provider's own auth scheme.

import { GatewayError } from '../../errors';
import type { AuthScheme } from '../catalog';
import { parseAwsEndpoint, parseAwsSecret } from './aws-credentials';
import { GoogleTokenSource } from './google-service-account';
import { signRequestV4 } from './sigv4';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Read only by schemes that sign the body (SigV4). */
  body: string | Buffer;
}

export interface AuthorizeOptions {
  /** SigV4 region when neither the endpoint nor the credentials name one. */
  awsRegion?: string;
  /** SigV4 signing name when the endpoint does not reveal it (default `bedrock`). */
  awsService?: string;
  /** Shared token cache for service accounts; defaults to one per process. */
  googleTokens?: GoogleTokenSource;
  now?: () => Date;
}

const DEFAULT_GOOGLE_TOKENS = new GoogleTokenSource();

/** Returns the url and headers to send; never mutates its input. */
export async function authorizeRequest(
  scheme: AuthScheme,
  secret: string | undefined,
  req: OutgoingRequest,
  options: AuthorizeOptions = {},
): Promise<{ url: string; headers: Record<string, string> }> {
  if (scheme === 'none' || secret === undefined || secret === '') return { url: req.url, headers: req.headers };
  switch (scheme) {
    case 'bearer':
      return { url: req.url, headers: { ...req.headers, authorization: `Bearer ${secret}` } };
    case 'x-api-key':
      return { url: req.url, headers: { ...req.headers, 'x-api-key': secret } };
    case 'azure-api-key':
      return { url: req.url, headers: { ...req.headers, 'api-key': secret } };
    case 'query-key':
      // Gemini also accepts the header form, which keeps the key out of URLs that might be logged.
      return { url: req.url, headers: { ...req.headers, 'x-goog-api-key': secret } };
    case 'aws-sigv4':
      return { url: req.url, headers: signForAws(secret, req, options) };
    case 'google-service-account': {
      const token = await (options.googleTokens ?? DEFAULT_GOOGLE_TOKENS).getAccessToken(secret);
      return { url: req.url, headers: { ...req.headers, authorization: `Bearer ${token}` } };
    }
    default:
      throw new GatewayError('internal', `auth scheme ${String(scheme)} is not available for this provider`);
  }
}

function signForAws(secret: string, req: OutgoingRequest, options: AuthorizeOptions): Record<string, string> {
  const credentials = parseAwsSecret(secret);
  const url = new URL(req.url);
  const endpoint = parseAwsEndpoint(url.hostname);
  const region = endpoint?.region ?? credentials.region ?? options.awsRegion ?? 'us-east-1';
  const service = endpoint?.service ?? options.awsService ?? 'bedrock';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value;
  headers.host = url.host;
  const signed = signRequestV4({
    method: req.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body: req.body,
    service,
    region,
    credentials,
    now: (options.now ?? (() => new Date()))(),
  });
  // fetch sets Host itself from the URL; sending it explicitly is refused by some clients.
  const { host: _host, ...rest } = signed.headers;
  return rest;
}
