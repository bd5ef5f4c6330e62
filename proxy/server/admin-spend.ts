// Admin API for spend control: gateway keys, the one-glance summary, time series for the
// dashboard's charts, budget events for the tray, and the price catalog.

import express, { type Response } from 'express';
import type { Gateway } from '../gateway/gateway';
import { GatewayError } from '../errors';
import { createApiClient, listClientViews, revokeApiClient } from '../spend/client-admin';
import { buildSummary } from '../spend/spend-summary';
import { PRICE_GROUPS } from '../spend/price-table';
import { badRequest, intParam, timeParam } from './admin-query';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Longest range one time-series call may scan, per bucket size. */
const MAX_RANGE_MS = { hour: 31 * DAY_MS, day: 400 * DAY_MS } as const;
const DEFAULT_RANGE_MS = { hour: 24 * HOUR_MS, day: 30 * DAY_MS } as const;

export function createSpendRouter(gateway: Gateway): express.Router {
  const router = express.Router();

  router.get('/clients', async (_req, res) => {
    res.json({ clients: await listClientViews(gateway.spend, gateway.store) });
  });

  router.post('/clients', async (req, res) => {
    await answer(res, async () => {
      const created = await createApiClient(gateway.spend, gateway.store, req.body);
      res.status(201).json(created);
    });
  });

  router.delete('/clients/:name', async (req, res) => {
    await answer(res, async () => {
      await revokeApiClient(gateway.spend, gateway.store, String(req.params.name));
      res.json({ name: req.params.name, revoked: true });
    });
  });

  router.get('/summary', async (_req, res) => {
    const summary = await buildSummary(gateway.store, gateway.spend, gateway.runtime.config);
    const breakers = gateway.routing.breakers(gateway.runtime).map((b) => ({ account: b.account, provider: b.provider, state: b.state }));
    res.json({ ...summary, breakers, paused: gateway.paused });
  });

  router.get('/timeseries', async (req, res) => {
    const bucket = req.query.bucket ?? 'hour';
    if (bucket !== 'hour' && bucket !== 'day') return badRequest(res, '"bucket" must be hour or day');
    const by = req.query.by;
    if (by !== undefined && by !== 'model' && by !== 'target' && by !== 'client') return badRequest(res, '"by" must be model, target or client');
    const now = Date.now();
    const toParam = timeParam(req.query.to);
    const fromParam = timeParam(req.query.from);
    if (toParam === null || fromParam === null) return badRequest(res, '"from" and "to" must be ISO dates or epoch milliseconds');
    const to = toParam ?? now + 1;
    const from = fromParam ?? to - DEFAULT_RANGE_MS[bucket];
    if (to - from > MAX_RANGE_MS[bucket]) return badRequest(res, `a ${bucket} series may span at most ${MAX_RANGE_MS[bucket] / DAY_MS} days`);
    res.json({ points: await gateway.store.timeseries({ bucket, from, to, by }) });
  });

  router.get('/events', async (req, res) => {
    const since = intParam(req.query.since, { fallback: 0, min: 0, max: Number.MAX_SAFE_INTEGER });
    const limit = intParam(req.query.limit, { fallback: 100, min: 1, max: 1000 });
    if (since === null || limit === null) return badRequest(res, '"since" (an event id) and "limit" must be whole numbers');
    res.json({ events: await gateway.store.listEvents(since, limit) });
  });

  router.get('/prices', (req, res) => {
    const target = typeof req.query.target === 'string' ? req.query.target : undefined;
    if (target !== undefined) {
      const slash = target.indexOf('/');
      if (slash <= 0) return badRequest(res, '"target" must be <provider>/<model>');
      const found = gateway.runtime.priceBook.lookup(target.slice(0, slash), target.slice(slash + 1));
      return res.json({ target, price: found?.price ?? null, from: found?.from ?? null });
    }
    const file = gateway.runtime.priceBook.priceFile;
    res.json({
      builtIn: PRICE_GROUPS,
      priceFile: file ? { path: file.path, source: file.source ?? null, reviewed: file.reviewed ?? null, models: Object.keys(file.prices).length } : null,
      config: gateway.runtime.config.prices ?? {},
    });
  });

  return router;
}

/** Runs a handler, answering a GatewayError with its status in the admin API's error shape. */
async function answer(res: Response, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    res.status(err.status).json({ error: { message: err.message, type: err.status === 404 ? 'not_found_error' : 'invalid_request_error', code: err.code } });
  }
}
