// One port for everything: the client APIs are dispatched by a tiny hand-written router (they sit on
// every request's hot path), and everything else — admin API, dashboard — goes to an express app.

import http from 'node:http';
import express from 'express';
import type { Gateway } from '../gateway/gateway';
import { clientFormat } from '../formats/registry';
import { handleGenerate } from '../pipeline/handle-generate';
import { handleEmbeddings } from '../pipeline/handle-embeddings';
import { createAdminRouter } from './admin-router';
import { listModels } from './list-models';
import { serveDashboard } from './serve-dashboard';
import { renderOpenAIError } from '../formats/openai-chat-interim';
import { GatewayError } from '../errors';

export interface ServerOptions {
  adminToken: () => string;
  dashboardDir: string;
}

const HEALTH_BODY = '{"status":"ok"}';

export function createServer(gateway: Gateway, options: ServerOptions): http.Server {
  const app = express();
  app.disable('x-powered-by');
  app.use('/api', createAdminRouter(gateway, options.adminToken));
  serveDashboard(app, options.dashboardDir);

  const chat = clientFormat('openai-chat');

  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    const method = req.method;
    if (method === 'POST') {
      if (url === '/v1/chat/completions' || url === '/chat/completions') {
        void gateway.track(handleGenerate(gateway, req, res, chat));
        return;
      }
      if (url === '/v1/embeddings' || url === '/embeddings') {
        void gateway.track(handleEmbeddings(gateway, req, res));
        return;
      }
    } else if (method === 'GET') {
      if (url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': HEALTH_BODY.length });
        res.end(HEALTH_BODY);
        return;
      }
      if (url === '/v1/models' || url === '/models') {
        listModels(gateway, req, res);
        return;
      }
    }
    if (url.startsWith('/v1/') || url.startsWith('/v1beta/')) {
      const error = new GatewayError('not_found', `no API endpoint ${method} ${url.split('?')[0]}`, { code: 'unknown_endpoint' });
      const rendered = renderOpenAIError(error);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rendered.body));
      return;
    }
    app(req, res);
  });
}
