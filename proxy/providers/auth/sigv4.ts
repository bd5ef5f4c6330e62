// AWS Signature Version 4 request signing, written against AWS's published SigV4 test suite.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  /** The path exactly as it goes on the wire (already percent-encoded, or raw as in the test suite). */
  path: string;
  /** The raw query string without its `?`. */
  query: string;
  /** Must include `host`. Every header given is signed, except ones a transport may rewrite. */
  headers: Record<string, string>;
  body: string | Buffer;
  service: string;
  region: string;
  credentials: AwsCredentials;
  now: Date;
}

export interface SigV4Result {
  /** The input headers plus x-amz-date, x-amz-security-token (if any) and authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** Headers an HTTP client or proxy may add or change after signing; signing them would break the signature. */
const UNSIGNED_HEADERS = new Set(['authorization', 'connection', 'content-length', 'expect', 'transfer-encoding', 'user-agent', 'x-amzn-trace-id']);

export function signRequestV4(req: SigV4Request): SigV4Result {
  const amzDate = formatAmzDate(req.now);
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() !== 'authorization') headers[name.toLowerCase()] = value;
  }
  headers['x-amz-date'] = amzDate;
  if (req.credentials.sessionToken) headers['x-amz-security-token'] = req.credentials.sessionToken;

  const signedNames = Object.keys(headers).filter((name) => !UNSIGNED_HEADERS.has(name)).sort();
  const canonicalHeaders = signedNames.map((name) => `${name}:${canonicalHeaderValue(headers[name])}\n`).join('');
  const signedHeaders = signedNames.join(';');
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(req.path),
    canonicalQuery(req.query),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(req.body),
  ].join('\n');

  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', deriveSigningKey(req.credentials.secretAccessKey, day, req.region, req.service)).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign, signature };
}

export function deriveSigningKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(day).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

/** `20150830T123600Z`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Trims and folds runs of whitespace to one space, as the spec's canonical header value requires. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * Non-S3 services normalise the path (dot segments, repeated slashes) and URI-encode each segment of the
 * path as sent, so a segment already encoded on the wire (Bedrock's `v1%3A0`) ends up encoded twice.
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(encodeRfc3986(segment));
  }
  if (segments.length === 0) return '/';
  const trailing = path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [encodeRfc3986(safeDecode(key)), encodeRfc3986(safeDecode(value))] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Encodes every byte except the RFC 3986 unreserved set (A-Z a-z 0-9 - _ . ~). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
