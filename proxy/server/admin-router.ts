// The admin API under /api (contract §4): request log, spend, profiles.

import express, { type Request, type Response, type NextFunction } from 'express';
import type { Gateway } from '../gateway/gateway';
import { StoreUnavailableError, type SpendGrouping } from '../store/store';
import { requireAdminToken } from './admin-auth';
import { createSpendRouter } from './admin-spend';
import { createRoutingAdminRouter } from './admin-routing';
import { createOptimizeRouter } from './admin-optimize';
import { createProvidersRouter } from './admin-providers';
import { createSettingsRouter, type ServerPlace } from './admin-settings';
import { KeyStoreError, type KeyStore } from '../keys/key-store';
import { badRequest, intParam, notFound, timeParam, unknownField } from './admin-query';

const SPEND_GROUPS: ReadonlySet<string> = new Set(['client', 'target', 'model', 'day', 'hour']);

export function createAdminRouter(gateway: Gateway, adminToken: () => string, keyStore: KeyStore | undefined, place: ServerPlace): express.Router {
  const router = express.Router();
  router.use(requireAdminToken(adminToken));
  router.use(express.json({ limit: '1mb' }));

  router.get('/requests', async (req, res) => {
    const limit = intParam(req.query.limit, { fallback: 50, min: 1, max: 1000 });
    const offset = intParam(req.query.offset, { fallback: 0, min: 0, max: 1_000_000 });
    if (limit === null || offset === null) return badRequest(res, '"limit" and "offset" must be whole numbers');
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
    const extra = unknownField(req.body, ['name']);
    if (extra !== undefined) return badRequest(res, `"${extra}" is not a field here; send {"name": <profile name or null>}`);
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
    // The database being away is not a bug: say so (without its address) and when to come back.
    if (err instanceof StoreUnavailableError) {
      gateway.log.warn({ err: err.message }, 'admin request failed: the database is unreachable');
      res.setHeader('retry-after', '5');
      return res.status(503).json({ error: { message: 'the database is unreachable; try again shortly', type: 'api_error', code: 'store_unavailable' } });
    }
    // The key store being locked, unreadable or absent (no OS keychain on a headless box) is not a
    // bug either; its messages name the store and the remedy, never a key.
    if (err instanceof KeyStoreError) {
      gateway.log.warn({ err: err.message }, 'admin request failed: the key store is unavailable');
      return res.status(503).json({ error: { message: err.message, type: 'api_error', code: 'key_store_unavailable' } });
    }
    gateway.log.error({ err }, 'admin request failed');
    res.status(500).json({ error: { message: 'internal error', type: 'api_error', code: 'internal' } });
  });
  return router;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

