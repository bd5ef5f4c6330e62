// The admin API and the dashboard on the gateway's port: an express app, built (and express
// loaded) with the first request that needs it, so a gateway nobody browses never carries it.

import express from 'express';
import type { Gateway } from '../gateway/gateway';
import { createAdminRouter } from './admin-router';
import { serveDashboard } from './serve-dashboard';
import { answerUnmatchedInApiShape } from './answer-unmatched';
import type { ServerOptions } from './create-server';

export function createAdminApp(gateway: Gateway, options: ServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/api', createAdminRouter(gateway, options.adminToken, options.keyStore, options.place));
  serveDashboard(app, options.dashboardDir);
  answerUnmatchedInApiShape(app, (err) => gateway.log.error({ err }, 'dashboard request failed'));
  return app;
}
