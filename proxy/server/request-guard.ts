// Refuses requests a browser could be tricked into sending: foreign origins (CSRF), foreign Host
// names against a loopback server (DNS rebinding), and non-JSON API posts (form/text CSRF).

import type { IncomingMessage } from 'node:http';

export interface GuardOptions {
  /** True when the server listens on loopback only. */
  loopbackOnly: boolean;
  /** Origins allowed besides the gateway's own (e.g. a dev server), exact `scheme://host[:port]`. */
  allowedOrigins: readonly string[];
  /** Host names (without port) allowed besides loopback names. */
  allowedHosts: readonly string[];
}

export interface GuardRefusal {
  status: number;
  message: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1).toLowerCase();
  const colon = hostHeader.lastIndexOf(':');
  return (colon >= 0 ? hostHeader.slice(0, colon) : hostHeader).toLowerCase();
}

/** The request's Origin when it is not the gateway's own (a cross-origin browser call), else undefined. */
export function crossOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  const host = req.headers.host ?? '';
  return origin === undefined || origin === `http://${host}` || origin === `https://${host}` ? undefined : origin;
}

/** Host names and origins compare case-insensitively, whatever case the config lists them in. */
const listed = (list: readonly string[], value: string) => list.some((entry) => entry.toLowerCase() === value);

export function checkRequest(req: IncomingMessage, options: GuardOptions): GuardRefusal | undefined {
  const host = req.headers.host ?? '';
  if (options.loopbackOnly) {
    const name = hostName(host);
    if (!LOOPBACK_HOSTS.has(name) && !listed(options.allowedHosts, name)) {
      return { status: 421, message: `Host "${name}" is not allowed; a loopback gateway answers only to 127.0.0.1, localhost or [::1] (add names to "allowedHosts")` };
    }
  } else if (options.allowedHosts.length > 0 && !listed(options.allowedHosts, hostName(host))) {
    return { status: 421, message: `Host "${hostName(host)}" is not in "allowedHosts"` };
  }
  const origin = crossOrigin(req);
  if (origin !== undefined && !listed(options.allowedOrigins, origin.toLowerCase())) {
    return { status: 403, message: `browser requests from origin ${origin} are not allowed (add it to "allowedOrigins")` };
  }
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) {
      return { status: 415, message: `content-type must be application/json, not ${type.split(';')[0]}` };
    }
  }
  return undefined;
}
