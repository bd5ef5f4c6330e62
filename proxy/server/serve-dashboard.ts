// Serves the built dashboard: hashed assets cached for a year, index.html never cached, a strict CSP.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function serveDashboard(app: express.Express, dir: string): void {
  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Switchyard is running. The dashboard was not built (run `npm run build`); the API is available under /v1 and /api.');
    });
    return;
  }
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, dotfiles: 'deny' }));
  app.use(express.static(dir, { index: false, maxAge: 0, dotfiles: 'deny' }));
  app.get('/', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
