// Adds a provider's credentials to an outgoing request, in the provider's own auth scheme.

import { GatewayError } from '../../errors';
import type { AuthScheme } from '../catalog';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Returns the url and headers to send; never mutates its input. */
export async function authorizeRequest(scheme: AuthScheme, secret: string | undefined, req: OutgoingRequest): Promise<{ url: string; headers: Record<string, string> }> {
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
    default:
      throw new GatewayError('internal', `auth scheme ${scheme} is not available for this provider`);
  }
}
