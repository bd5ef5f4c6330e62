// One port for everything: the client APIs are dispatched by a tiny hand-written router (they sit on
// every request's hot path), and everything else — admin API, dashboard — goes to an express app
// (create-admin-app.ts), loaded on the first such request.

import http from 'node:http';
import type { Gateway } from '../gateway/gateway';
import { findClientFormat, formatForPath } from '../formats/registry';
import { geminiArrayStreamFormat } from '../formats/gemini/gemini-array-stream-format';
import type { ClientFormat } from '../formats/client-format';
import { handleGenerate } from '../pipeline/handle-generate';
import { handleEmbeddings } from '../pipeline/handle-embeddings';
import { handleCountTokens } from '../pipeline/handle-count-tokens';
import { listModels } from './list-models';
import { GatewayError } from '../errors';
import { sendErrorNow } from '../pipeline/send-error';
import { checkRequest } from './request-guard';
import { applyCors } from './cors-headers';
import { GEMINI_PATH, allowedMethods } from './api-methods';
import type { KeyStore } from '../keys/key-store';
import type { ServerPlace } from './admin-settings';

export interface ServerOptions {
  adminToken: () => string;
  dashboardDir: string;
  keyStore?: KeyStore;
  place: ServerPlace;
}

const HEALTH_BODY = '{"status":"ok"}';

function sendGatewayError(res: http.ServerResponse, path: string, error: GatewayError): void {
  sendErrorNow(res, formatForPath(path), error);
}

/** The model segment of a Gemini path, decoded; undefined when it is not valid percent-encoding. */
function decodePathModel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray "%" must be the caller's 400, not an exception thrown out of the request listener.
    return undefined;
  }
}

export function createServer(gateway: Gateway, options: ServerOptions): http.Server {
  gateway.metrics.watch(gateway);
  let adminApp: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  // express and the admin routers cost ~8 MB of resident memory; a headless gateway may never need them.
  const admin = () => (adminApp ??= (require('./create-admin-app') as typeof import('./create-admin-app')).createAdminApp(gateway, options));

  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    const method = req.method;
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const config = gateway.runtime.config;
    const refusal = checkRequest(req, { loopbackOnly: gateway.openWithoutKeys, allowedOrigins: config.allowedOrigins, allowedHosts: config.allowedHosts });
    if (refusal) {
      req.resume();
      return sendGatewayError(res, path, new GatewayError('forbidden', refusal.message, { status: refusal.status, code: 'request_refused' }));
    }
    if (applyCors(req, res)) return;
    if (method === 'POST') {
      const generate = (name: Parameters<typeof findClientFormat>[0], hints?: { model?: string; stream?: boolean }, variant?: ClientFormat<any>) => {
        const format = variant ?? findClientFormat(name);
        if (!format) return false;
        void gateway.track(handleGenerate(gateway, req, res, format, hints, query < 0 ? undefined : new URL(url, 'http://gateway')));
        return true;
      };
      if ((path === '/v1/chat/completions' || path === '/chat/completions') && generate('openai-chat')) return;
      if (path === '/v1/responses' && generate('openai-responses')) return;
      if (path === '/v1/messages' && generate('anthropic')) return;
      if (path === '/v1/messages/count_tokens') {
        void gateway.track(handleCountTokens(gateway, req, res));
        return;
      }
      if (path === '/v1/embeddings' || path === '/embeddings') {
        void gateway.track(handleEmbeddings(gateway, req, res));
        return;
      }
      const gemini = GEMINI_PATH.exec(path);
      if (gemini) {
        const stream = gemini[2] === 'streamGenerateContent';
        // Without alt=sse Google streams one growing JSON array instead of server-sent events.
        const arrayStream = stream && !/[?&]alt=sse(?:&|$)/.test(url);
        const model = decodePathModel(gemini[1]!);
        if (model === undefined) {
          req.resume();
          return sendGatewayError(res, path, new GatewayError('invalid_request', `the model in the path is not valid percent-encoding: ${gemini[1]}`, { code: 'invalid_model' }));
        }
        if (generate('gemini', { model, stream }, arrayStream ? geminiArrayStreamFormat : undefined)) return;
      }
    } else if (method === 'GET' || method === 'HEAD') {
      // HEAD answers as GET does (uptime checks use it); Node leaves the body out of the response.
      if (path === '/health') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': HEALTH_BODY.length });
        res.end(HEALTH_BODY);
        return;
      }
      if (path === '/metrics') {
        gateway.metrics.registry.metrics().then((text) => {
          res.writeHead(200, { 'content-type': gateway.metrics.registry.contentType });
          res.end(text);
        }, () => {
          res.writeHead(500);
          res.end();
        });
        return;
      }
      if (path === '/v1/models' || path === '/models') {
        void listModels(gateway, req, res);
        return;
      }
    }
    const allow = allowedMethods(path);
    if (allow !== undefined) {
      req.resume();
      res.setHeader('allow', allow);
      return sendGatewayError(res, path, new GatewayError('invalid_request', `${method} is not allowed on ${path}; use ${allow}`, { status: 405, code: 'method_not_allowed' }));
    }
    if (path.startsWith('/v1/') || path.startsWith('/v1beta/')) {
      req.resume();
      return sendGatewayError(res, path, new GatewayError('not_found', `no API endpoint ${method} ${path}`, { code: 'unknown_endpoint' }));
    }
    admin()(req, res);
  });
}
