// An independent SigV4 check as a server performs it: rebuild the canonical request from what arrived on
// the wire, using only the headers the client says it signed, and compare signatures.

import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigV4Check {
  ok: boolean;
  reason?: string;
  region?: string;
  service?: string;
}

export function verifySigV4(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: Buffer, secrets: Record<string, string>): SigV4Check {
  const auth = String(headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return { ok: false, reason: 'malformed Authorization header' };
  const [, accessKey, day, region, service, signedHeaders, signature] = match;
  const secret = secrets[accessKey];
  if (!secret) return { ok: false, reason: 'unknown access key' };
  const amzDate = String(headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day)) return { ok: false, reason: 'x-amz-date does not match the credential scope' };

  const [path, query = ''] = rawUrl.split('?');
  // Non-S3 services sign each path segment encoded once more than it travels on the wire.
  const canonicalPath = path.split('/').map((s) => encodeURIComponent(s)).join('/');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((p) => p.split('=').map((x) => encodeURIComponent(decodeURIComponent(x))).join('='))
    .sort()
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((n) => `${n}:${String(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [method, canonicalPath, canonicalQuery, canonicalHeaders, signedHeaders, createHash('sha256').update(body).digest('hex')].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/${service}/aws4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (!names.includes('host') || !names.includes('x-amz-date')) return { ok: false, reason: 'host and x-amz-date must be signed' };
  return expected === signature ? { ok: true, region, service } : { ok: false, reason: 'signature mismatch' };
}
