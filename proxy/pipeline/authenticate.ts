// Finds the calling client from its gateway key (Bearer, x-api-key or x-goog-api-key).
// Keys are compared by their SHA-256 hash, so no plaintext key is kept and lookup time does not depend on the key.
// Config keys and admin-API keys live in one directory; revoked keys are simply absent from it.

import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors';
import { hashKey } from '../gateway/runtime';
import type { ClientDirectory, GatewayClient } from '../spend/client-directory';

export function presentedKey(req: IncomingMessage, url?: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') return auth.slice(7).trim();
  const xApiKey = req.headers['x-api-key'];
  if (typeof xApiKey === 'string' && xApiKey) return xApiKey;
  const goog = req.headers['x-goog-api-key'];
  if (typeof goog === 'string' && goog) return goog;
  // Gemini clients may send the key as ?key=… instead of a header.
  const queryKey = url?.searchParams.get('key');
  return queryKey || undefined;
}

/** Returns the client, or null when no keys are configured and the server is loopback-only. */
/** Refuses every client request while routing is paused (tray "Pause routing", PUT /api/paused). */
export function assertNotPaused(paused: boolean): void {
  if (paused) throw new GatewayError('unavailable', 'routing is paused in Switchyard; resume it from the tray or with PUT /api/paused', { code: 'routing_paused' });
}

export function authenticate(clients: ClientDirectory, req: IncomingMessage, openWithoutKeys: boolean, url?: URL): GatewayClient | null {
  const key = presentedKey(req, url);
  if (clients.size === 0) {
    if (openWithoutKeys) return null;
    throw new GatewayError('unauthorized', 'this gateway listens beyond loopback, so clients need a gateway key; add one under "clients" or with POST /api/clients', { code: 'invalid_api_key' });
  }
  if (!key) throw new GatewayError('unauthorized', 'missing gateway key: send Authorization: Bearer <key>, x-api-key or x-goog-api-key', { code: 'invalid_api_key' });
  const client = clients.byKeyHash.get(hashKey(key));
  if (!client) throw new GatewayError('unauthorized', 'unknown or revoked gateway key', { code: 'invalid_api_key' });
  if (client.expiresAt !== null && client.expiresAt <= Date.now()) {
    throw new GatewayError('unauthorized', `gateway key "${client.name}" expired at ${new Date(client.expiresAt).toISOString()}`, { code: 'key_expired' });
  }
  return client;
}
