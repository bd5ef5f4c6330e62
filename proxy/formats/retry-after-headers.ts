// The `Retry-After` header of an error answer. HTTP allows only whole seconds there, while a wait
// measured inside Switchyard (a key's cooldown, an upstream's HTTP-date) is fractional: round up,
// so a client that honours it never comes back early.

import type { GatewayError } from '../errors';

export function retryAfterHeaders(error: GatewayError): Record<string, string> | undefined {
  if (error.retryAfter === undefined) return undefined;
  return { 'retry-after': String(Math.max(0, Math.ceil(error.retryAfter))) };
}
