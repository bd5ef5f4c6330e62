// The admin API under /api (contract §4): request log, spend, profiles.

import express, { type Request, type Response, type NextFunction } from 'express';
import type { Gateway } from '../gateway/gateway';
import type { SpendGrouping } from '../store/store';
import { requireAdminToken } from './admin-auth';
import { createSpendRouter } from './admin-spend';
import { createRoutingAdminRouter } from './admin-routing';
import { createOptimizeRouter } from './admin-optimize';
import { createProvidersRouter } from './admin-providers';
import { createSettingsRouter, type ServerPlace } from './admin-settings';
import type { KeyStore } from '../keys/key-store';

const SPEND_GROUPS: ReadonlySet<string> = new Set(['client', 'target', 'model', 'day', 'hour']);

export function createAdminRouter(gateway: Gateway, adminToken: () => string, keyStore: KeyStore | undefined, place: ServerPlace): express.Router {
  const router = express.Router();
  router.use(requireAdminToken(adminToken));
  router.use(express.json({ limit: '1mb' }));

  router.get('/requests', async (req, res) => {
    const limit = clampInt(req.query.limit, 50, 1, 1000);
    const offset = clampInt(req.query.offset, 0, 0, 1_000_000);
    const status = req.query.status === 'ok' || req.query.status === 'error' ? req.query.status : undefined;
    const requests = await gateway.store.listRequests({ limit, offset, status, client: str(req.query.client), model: str(req.query.model), target: str(req.query.target) });
    res.json({ requests });
  });

  router.get('/spend', async (req, res) => {
    const by = str(req.query.by) ?? 'model';
    if (!SPEND_GROUPS.has(by)) return badRequest(res, `"by" must be one of ${[...SPEND_GROUPS].join(', ')}`);
    const from = timeParam(req.query.from);
    const to = timeParam(req.query.to);
    if (from === null || to === null) return badRequest(res, '"from" and "to" must be ISO dates or epoch milliseconds');
    const rows = await gateway.store.spend({ by: by as SpendGrouping, from, to });
    res.json({ rows });
  });

  router.get('/profile', (_req, res) => {
    res.json(gateway.profiles());
  });

  router.put('/profile', async (req, res) => {
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (name !== null && typeof name !== 'string') return badRequest(res, '"name" must be a profile name or null');
    if (name !== null && !gateway.profiles().profiles.includes(name)) return notFound(res, `no profile named "${name}"`);
    await gateway.setProfile(name);
    res.json(gateway.profiles());
  });

  router.use(createSpendRouter(gateway));
  router.use(createRoutingAdminRouter(gateway));
  router.use(createOptimizeRouter(gateway));
  router.use(createProvidersRouter(gateway, keyStore));
  router.use(createSettingsRouter(gateway, place));
  router.use((_req, res) => notFound(res, 'no such admin endpoint'));
  router.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return badRequest(res, 'request body is not valid JSON');
    if (err.status === 413) return res.status(413).json({ error: { message: 'request body too large', type: 'invalid_request_error', code: 'request_too_large' } });
    // Other body-parser refusals (unsupported charset or encoding, …) are the caller's error too.
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return res.status(err.status).json({ error: { message: err.message, type: 'invalid_request_error', code: err.type ?? 'invalid_request' } });
    }
    gateway.log.error({ err }, 'admin request failed');
    res.status(500).json({ error: { message: 'internal error', type: 'api_error', code: 'internal' } });
  });
  return router;
}

function badRequest(res: Response, message: string) {
  res.status(400).json({ error: { message, type: 'invalid_request_error', code: 'invalid_value' } });
}

function notFound(res: Response, message: string) {
  res.status(404).json({ error: { message, type: 'invalid_request_error', code: 'not_found' } });
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** undefined when absent, null when present but unreadable. */
function timeParam(value: unknown): number | undefined | null {
  const text = str(value);
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(n) ? n : null;
}
