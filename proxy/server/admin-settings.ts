// Admin API for settings: where the gateway runs, and the two switches the dashboard can flip
// (tool-output compression and the response cache), kept across restarts over the config file.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Gateway } from '../gateway/gateway';
import { optimizeSettingsFor } from '../optimize/optimize-settings';
import { badRequest, unknownField } from './admin-query';

const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const SWITCHES = ['compression', 'cache'] as const;

export interface ServerPlace {
  port: () => number;
  host: string;
  dataDir: string;
}

export function createSettingsRouter(gateway: Gateway, place: ServerPlace): express.Router {
  const router = express.Router();
  const current = () => {
    const global = optimizeSettingsFor(gateway.runtime.config).global;
    return {
      port: place.port(),
      host: place.host,
      dataDir: place.dataDir,
      version: VERSION,
      compression: { enabled: global.compression.enabled },
      cache: { enabled: global.cache.enabled },
    };
  };

  router.get('/settings', (_req, res) => {
    res.json(current());
  });

  router.put('/settings', async (req, res) => {
    const patch = req.body as { compression?: { enabled?: unknown }; cache?: { enabled?: unknown } } | undefined;
    const extra = unknownField(patch, SWITCHES) ?? SWITCHES.map((name) => unknownField(patch?.[name], ['enabled'], `${name}.`)).find((f) => f !== undefined);
    if (extra !== undefined) return badRequest(res, `"${extra}" is not a setting; send compression.enabled and/or cache.enabled`);
    const switches: { compression?: boolean; cache?: boolean } = {};
    for (const name of SWITCHES) {
      const value = patch?.[name];
      if (value === undefined) continue;
      if (typeof value !== 'object' || value === null || typeof value.enabled !== 'boolean') {
        res.status(400).json({ error: { message: `"${name}.enabled" must be true or false`, type: 'invalid_request_error', code: 'invalid_value' } });
        return;
      }
      switches[name] = value.enabled;
    }
    await gateway.setOptimizeSwitches(switches);
    res.json(current());
  });

  return router;
}
