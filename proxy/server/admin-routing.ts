// Admin API for routing: circuit breakers, the effective routes (and runtime edits of them), and the
// config file's reload status. Mounted by the admin router, behind the admin token.

import express, { type Response } from 'express';
import type { Gateway } from '../gateway/gateway';
import { targetRefOf } from '../config/check-references';
import { checkRouteBody } from '../routing/route-overrides';
import { unknownField } from './admin-query';
import type { ResolvedRoute } from '../gateway/runtime';

export function createRoutingAdminRouter(gateway: Gateway): express.Router {
  const router = express.Router();

  router.get('/paused', (_req, res) => {
    res.json({ paused: gateway.paused });
  });

  router.put('/paused', async (req, res) => {
    const paused = (req.body as { paused?: unknown } | undefined)?.paused;
    if (typeof paused !== 'boolean' || unknownField(req.body, ['paused']) !== undefined) {
      res.status(400).json({ error: { message: 'the body must be {"paused": true or false}', type: 'invalid_request_error', code: 'invalid_value' } });
      return;
    }
    await gateway.setPaused(paused);
    res.json({ paused: gateway.paused });
  });

  router.get('/breakers', (_req, res) => {
    const breakers = gateway.routing.breakers(gateway.runtime).map((b) => ({
      account: b.account,
      provider: b.provider,
      state: b.state,
      failures: b.failures,
      windowRequests: b.windowRequests,
      windowFailures: b.windowFailures,
      openedAt: b.openedAt,
      cooldownUntil: b.cooldownUntil,
      rateLimitedUntil: b.rateLimitedUntil,
      keyRefusedAt: b.keyRefusedAt,
    }));
    res.json({ breakers });
  });

  router.get('/routes', (_req, res) => {
    const runtime = gateway.runtime;
    res.json({ active: runtime.activeProfile, routes: [...runtime.routes.values()].map(describeRoute) });
  });

  router.put('/routes/:name', async (req, res) => {
    const name = String(req.params.name);
    const check = checkRouteBody(req.body, gateway.runtime.config);
    if (!check.ok) return invalid(res, `${check.field}: ${check.problem}`);
    await gateway.setRouteOverride(name, check.body);
    res.json(describeRoute(gateway.runtime.routes.get(name)!));
  });

  router.delete('/routes/:name', async (req, res) => {
    const name = String(req.params.name);
    // Decided from the stored edits, not this instance's copy: in team mode an edit made through
    // another instance a moment ago may not have been read here yet.
    if (!(await gateway.setRouteOverride(name, null))) {
      return res.status(404).json({ error: { message: `route "${name}" has no runtime edit to remove`, type: 'invalid_request_error', code: 'not_found' } });
    }
    const route = gateway.runtime.routes.get(name);
    res.json(route ? describeRoute(route) : { name, removed: true });
  });

  router.get('/config/status', (_req, res) => {
    res.json(gateway.configStatus);
  });

  return router;
}

function describeRoute(route: ResolvedRoute) {
  return {
    name: route.name,
    strategy: route.strategy,
    targets: route.targets.map((t) => ({ target: t.ref, weight: t.weight })),
    retry: route.retry,
    source: route.source,
  };
}

function invalid(res: Response, message: string) {
  res.status(400).json({ error: { message, type: 'invalid_request_error', code: 'invalid_value' } });
}
