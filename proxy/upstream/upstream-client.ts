// The one place that talks to providers: pooled keep-alive connections per origin (undici),
// a first-byte deadline per attempt, and network failures classified into GatewayError kinds.

import { Agent, type Dispatcher } from 'undici';
import { GatewayError } from '../errors';
import type { UpstreamSignal } from './attempt-cancel';

export interface UpstreamRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Deadline for the response headers (the first byte). */
  timeoutMs: number;
  /** Longest silence allowed between body chunks once the response has started. */
  idleTimeoutMs?: number;
  signal?: UpstreamSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

export class UpstreamClient {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 256,
    pipelining: 1,
  });

  async send(req: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      const res = await this.agent.request({
        origin: req.url.origin,
        path: req.url.pathname + req.url.search,
        method: req.method,
        headers: req.headers,
        body: req.body,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.idleTimeoutMs ?? 300_000,
        signal: req.signal,
      });
      return { status: res.statusCode, headers: res.headers, body: res.body };
    } catch (err) {
      throw classifyNetworkError(err, req.timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Maps undici/socket failures to gateway error kinds by their codes, never by message text. */
export function classifyNetworkError(err: unknown, timeoutMs?: number): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new GatewayError('upstream_timeout', timeoutMs ? `upstream did not answer within ${timeoutMs} ms` : 'upstream timed out', { cause: err });
  }
  if ((err as Error)?.name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return new GatewayError('upstream_timeout', 'upstream request aborted', { cause: err });
  }
  return new GatewayError('upstream_unreachable', `upstream unreachable (${code || 'connection failed'})`, { cause: err });
}
