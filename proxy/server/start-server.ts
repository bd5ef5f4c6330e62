// Starts the headless gateway and dashboard on one port. Used by `switchyard serve` and the desktop app.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ensureDir } from '../store/ensure-dir';
import { loadConfigFile, validateConfig, type SecretLookup } from '../config/load-config';
import type { Config } from '../config/schema';
import { Gateway, PAUSED_SETTING, PROFILE_SETTING } from '../gateway/gateway';
import { OPTIMIZE_SWITCHES_SETTING, parseOptimizeSwitches } from '../optimize/optimize-switches';
import { startRetentionJob } from '../store/start-retention-job';
import { openStore } from '../team/open-store';
import { startSharedStateSync } from '../team/sync-shared-state';
import { redactUrl, resolveTeamSettings } from '../team/team-settings';
import { createServer } from './create-server';
import { boundHeapGrowth } from './bound-heap-growth';
import { createLogger, type Logger } from './logger';
import type { KeyStore } from '../keys/key-store';
import { startConfigReloader } from './reload-config';
import { startStoredKeyRecheck, type StoredKeyRecheckOptions } from './recheck-stored-keys';
import { parseRouteOverrides, ROUTE_OVERRIDES_SETTING } from '../routing/route-overrides';

export interface StartOptions {
  configPath?: string;
  dataDir: string;
  port: number;
  host?: string;
  /** Resolves `keychain:NAME` references in the config. */
  keychain?: SecretLookup;
  /** The key store behind `keychain:` references; lets the admin API set and delete provider keys. */
  keyStore?: KeyStore;
  adminToken?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Team mode: a postgres:// URL; overrides the config's `database`. */
  database?: string;
  /** Team mode: a redis:// URL; overrides the config's `redis`. */
  redis?: string;
  /** How often, and how promptly after a refusal, keys rotated in the key store are looked for. */
  keyRecheck?: StoredKeyRecheckOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  adminToken: string;
  gateway: Gateway;
  /** Re-reads the config file now (it is also watched); resolves true when a new config was applied. */
  /** Re-reads the config file; `force` re-applies unchanged text so changed keychain secrets are read again. */
  reloadConfig(force?: boolean): Promise<boolean>;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startServer(options: StartOptions): Promise<RunningServer> {
  boundHeapGrowth();
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger();
  const keyStore = options.keyStore;
  const loadOptions = { env: options.env, keychain: options.keychain ?? (keyStore && ((name: string) => keyStore.get(name))) };
  const config: Config = options.configPath
    ? await loadConfigFile(options.configPath, loadOptions)
    : await validateConfig({}, '(no config file)', loadOptions);
  ensureDir(options.dataDir);
  const team = resolveTeamSettings(config, { database: options.database, redis: options.redis }, options.configPath ?? '(no config file)', options.env);
  const store = await openStore({ database: team.database, dataDir: options.dataDir, log: logger });
  const shared = team.redis ? await (await import('../team/shared-spend')).connectSharedSpend({ url: team.redis, store, failure: team.redisFailure, log: logger }) : undefined;
  const savedProfile = (await store.getSetting(PROFILE_SETTING)) ?? null;
  const activeProfile = savedProfile && config.profiles.some((p) => p.name === savedProfile) ? savedProfile : null;
  const routeOverrides = parseRouteOverrides(await store.getSetting(ROUTE_OVERRIDES_SETTING));
  const gateway = new Gateway({
    config, store, logger, loopbackOnly: LOOPBACK.has(host), activeProfile, routeOverrides, dataDir: options.dataDir, configDir: options.configPath && dirname(options.configPath),
    spend: shared && { ledger: shared.ledger, rates: shared.rates },
  });
  await gateway.spend.loadClients();
  gateway.paused = (await store.getSetting(PAUSED_SETTING)) === 'true';
  // Applied, not written back: an instance starting must not overwrite a switch another just flipped.
  gateway.applyOptimizeSwitches(parseOptimizeSwitches(await store.getSetting(OPTIMIZE_SWITCHES_SETTING)));
  // Other instances write keys, the profile, route edits, switches and the pause to the shared database.
  const sync = team.database ? startSharedStateSync(gateway) : undefined;
  const retention = startRetentionJob(store, team.rawDays, logger);
  gateway.configStatus = { path: options.configPath ?? null, loadedAt: Date.now(), lastError: null };
  const reloader = options.configPath ? startConfigReloader(gateway, options.configPath, loadOptions) : undefined;
  const reloadConfig = (force = false) => (reloader ? reloader.reload(force) : Promise.resolve(false));
  gateway.reloadConfig = reloadConfig;
  // Keys rotated in the key store while the gateway runs are picked up by a reload (no config file: nothing to reload).
  const keyRecheck = reloader && loadOptions.keychain ? startStoredKeyRecheck(gateway, loadOptions.keychain, options.keyRecheck) : undefined;
  gateway.routing.recheckKeys = keyRecheck?.recheck;
  const adminToken = options.adminToken ?? config.adminToken ?? ensureAdminTokenFile(options.dataDir);

  const server = createServer(gateway, {
    adminToken: () => gateway.runtime.config.adminToken ?? adminToken,
    dashboardDir: join(__dirname, '..', '..', 'renderer'),
    keyStore,
    place: { port: () => (server.address() as AddressInfo | null)?.port ?? options.port, host, dataDir: options.dataDir },
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => {
      reloader?.close();
      keyRecheck?.close();
      sync?.stop();
      retention.stop();
      void gateway.close();
      void shared?.close();
      reject(err);
    });
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({
    url, dataDir: options.dataDir, config: options.configPath ?? null,
    database: team.database ? redactUrl(team.database) : 'sqlite', redis: team.redis ? redactUrl(team.redis) : null, redisFailure: team.redis ? team.redisFailure : undefined,
  }, 'switchyard listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      reloader?.close();
      keyRecheck?.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await gateway.drain(SHUTDOWN_GRACE_MS);
      gateway.cuttingConnections = true;
      server.closeAllConnections();
      await stopped;
      sync?.stop();
      retention.stop();
      await gateway.close();
      await shared?.close();
    })());

  return { url, port, host, adminToken, gateway, reloadConfig, close };
}

/** Without a configured admin token, one is generated once and kept (mode 0600) in the data dir. */
function ensureAdminTokenFile(dataDir: string): string {
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = 'sy-admin-' + randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return token;
}
