// `/#token=<adminToken>` signs the dashboard in. The token must leave the address bar at once,
// so this returns both the token and the hash to put back in its place.

export interface HashSignIn {
  token: string | null;
  /** The hash to replace the current one with ('' clears it). */
  remainingHash: string;
}

export function readTokenFromHash(hash: string): HashSignIn {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw.includes('token=')) return { token: null, remainingHash: hash };
  // Both "#token=abc" and "#/requests?token=abc" / "#token=abc&page=x" are accepted.
  const queryStart = raw.indexOf('?');
  const path = raw.startsWith('token=') ? '' : queryStart >= 0 ? raw.slice(0, queryStart) : '';
  const query = raw.startsWith('token=') ? raw : queryStart >= 0 ? raw.slice(queryStart + 1) : raw;
  const params = new URLSearchParams(query);
  const token = params.get('token');
  params.delete('token');
  const rest = params.toString();
  const remaining = path + (rest ? (path ? '?' : '') + rest : '');
  return { token: token && token.trim() ? token.trim() : null, remainingHash: remaining ? `#${remaining}` : '' };
}
