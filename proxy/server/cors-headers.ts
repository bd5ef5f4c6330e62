// CORS for the origins listed in `allowedOrigins`: without these headers a browser app on such an
// origin could send nothing but simple requests and read no answer, so the allow-list would be moot.
// Runs after checkRequest, so every Origin that reaches it is either the gateway's own or listed.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { crossOrigin } from './request-guard';

const EXPOSED = 'x-switchyard-request-id, x-switchyard-target, x-switchyard-overhead-ms, x-switchyard-cache, retry-after';
const METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_S = '600';

/** Adds CORS headers for a cross-origin caller; answers its preflight and returns true then. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = crossOrigin(req);
  if (origin === undefined) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  const requestedMethod = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || requestedMethod === undefined) {
    res.setHeader('access-control-expose-headers', EXPOSED);
    return false;
  }
  req.resume();
  res.writeHead(204, {
    'access-control-allow-methods': METHODS,
    // The caller's origin is trusted, so whatever headers its SDK sends (keys, versions, betas) may come.
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE_S,
    'content-length': 0,
  });
  res.end();
  return true;
}
