// The desktop app's wiring: single instance, the in-process gateway, tray, dashboard window, IPC and
// notifications. Every Electron API comes in through `deps.electron`, so this runs under plain Node
// against a fake in tests.

import { DEFAULT_PORT } from '../proxy/cli/serve';
import { prepareDesktop, startDesktopGateway, type DesktopSetup } from '../proxy/cli/desktop-setup';
import type { RunningServer, startServer } from '../proxy/server/start-server';
import { createAdminClient, type AdminClient } from './admin-client';
import { createDashboardWindow, type DashboardWindow } from './dashboard-window';
import { parseDesktopArgs } from './desktop-args';
import type { ElectronApi } from './electron-api';
import { createGatewayMonitor, type GatewayMonitor, type Timers } from './gateway-monitor';
import { createSenderCheck, registerIpcHandlers } from './ipc/register-ipc';
import { createLoginItem, type LoginItem } from './login-item';
import { showEventNotifications } from './notify-events';
import type { TrayAction } from './tray/build-tray-menu';
import { createTrayController } from './tray/tray';
import type { TrayState } from './tray/tray-state';
import { lockDownSession } from './windows';

export interface DesktopAppDeps {
  electron: ElectronApi;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  argv: readonly string[];
  homeDir: string;
  execPath: string;
  /** What the login item passes to execPath: nothing when packaged, the app folder from source. */
  launchArgs: string[];
  preloadPath: string;
  assetsDir: string;
  startServer: typeof startServer;
  prepare?: typeof prepareDesktop;
  fetch?: typeof fetch;
  timers?: Timers;
  pollIntervalMs?: number;
  log(message: string): void;
}

export interface DesktopApp {
  server: RunningServer;
  setup: DesktopSetup;
  state(): TrayState;
  dispatch(action: TrayAction): Promise<void>;
  /** Stops polling, closes the window and tray, and lets the gateway finish in-flight requests. */
  shutdown(): Promise<void>;
}

/** Resolves undefined when another instance already runs (it is asked to show its window instead). */
export async function startDesktopApp(deps: DesktopAppDeps): Promise<DesktopApp | undefined> {
  const { app } = deps.electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  // A tray app outlives its windows.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();

  const args = parseDesktopArgs(deps.argv);
  const dataDir = args.dataDir ?? app.getPath('userData');
  const envPort = deps.env.SWITCHYARD_PORT ? Number(deps.env.SWITCHYARD_PORT) : undefined;
  const port = args.port ?? (Number.isInteger(envPort) ? envPort! : DEFAULT_PORT);
  const setup = await (deps.prepare ?? prepareDesktop)({ dataDir, env: deps.env });
  for (const note of setup.notes) deps.log(note);
  const server = await startDesktopGateway({ setup, dataDir, port, portIsDefault: args.port === undefined && envPort === undefined, start: deps.startServer, env: deps.env });
  deps.log(`gateway listening on ${server.url}`);

  const admin = createAdminClient({ baseUrl: server.url, token: server.adminToken, fetch: deps.fetch });
  const appOrigin = new URL(server.url).origin;
  lockDownSession(deps.electron.session.defaultSession, appOrigin);

  let quitting = false;
  const window = createDashboardWindow(deps.electron, {
    preloadPath: deps.preloadPath,
    gatewayUrl: server.url,
    adminToken: server.adminToken,
    isQuitting: () => quitting,
    log: deps.log,
  });
  const loginItem = createLoginItem({ platform: deps.platform, app, env: deps.env, homeDir: deps.homeDir, execPath: deps.execPath, launchArgs: deps.launchArgs });

  let state: TrayState = {
    platform: deps.platform,
    gateway: 'starting',
    endpoint: `${server.url}/v1`,
    openAtLogin: safely(() => loginItem.isEnabled(), false),
    clientKeyAvailable: true,
  };
  const tray = createTrayController(deps.electron, {
    assetsDir: deps.assetsDir,
    initialState: state,
    onAction: (action) => void dispatch(action),
  });
  const setState = (next: Partial<TrayState>): void => {
    state = { ...state, ...next };
    tray.update(state);
  };

  let lastError = '';
  const monitor = createGatewayMonitor({
    client: admin,
    timers: deps.timers,
    intervalMs: deps.pollIntervalMs,
    onSnapshot: (snapshot) => setState({ gateway: snapshot.status, summary: snapshot.summary, profile: snapshot.profile ?? state.profile }),
    onEvents: (events) => void showEventNotifications(deps.electron, events, () => window.show()),
    onError: (err) => {
      // Once per distinct problem, not once per poll.
      if (err.message !== lastError) deps.log(err.message);
      lastError = err.message;
    },
  });

  const unregisterIpc = registerIpcHandlers(
    deps.electron.ipcMain,
    {
      gatewayInfo: () => ({ url: server.url, endpoint: `${server.url}/v1`, adminToken: server.adminToken }),
      adminClient: () => admin,
      keyStore: setup.keyStore,
      openExternal: (url) => deps.electron.shell.openExternal(url),
      onProfileChanged: (profile) => setState({ profile }),
      onKeysChanged: async () => {
        await server.reloadConfig(true).catch((err: Error) => deps.log(`config reload after a key change: ${err.message}`));
      },
    },
    createSenderCheck(() => window.contentsId(), appOrigin),
  );

  async function dispatch(action: TrayAction): Promise<void> {
    try {
      await runTrayAction(action, { admin, window, loginItem, monitor, setup, server, electron: deps.electron, setState });
    } catch (err) {
      deps.log(`${action.kind} failed: ${(err as Error).message}`);
      tray.refresh(); // e.g. put the radio mark back on the profile that is still active
    }
  }

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (shuttingDown ??= (async () => {
      quitting = true;
      monitor.stop();
      unregisterIpc();
      window.destroy();
      tray.destroy();
      await server.close();
    })());

  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());
  app.on('before-quit', (event) => {
    quitting = true;
    if (shuttingDown) return;
    // Hold the quit until the gateway has let in-flight requests finish and flushed its log.
    event.preventDefault();
    shutdown()
      .catch((err: Error) => deps.log(`shutdown: ${err.message}`))
      .finally(() => app.quit());
  });

  monitor.start();
  if (setup.credentials.created) window.show(); // first run: show where things are
  return { server, setup, state: () => state, dispatch, shutdown };
}

interface ActionContext {
  admin: AdminClient;
  window: DashboardWindow;
  loginItem: LoginItem;
  monitor: GatewayMonitor;
  setup: DesktopSetup;
  server: RunningServer;
  electron: ElectronApi;
  setState(next: Partial<TrayState>): void;
}

async function runTrayAction(action: TrayAction, ctx: ActionContext): Promise<void> {
  switch (action.kind) {
    case 'switch-profile':
      ctx.setState({ profile: await ctx.admin.setProfile(action.name) });
      return;
    case 'set-paused':
      await ctx.admin.setPaused(action.paused);
      await ctx.monitor.pollNow();
      return;
    case 'open-dashboard':
      ctx.window.show();
      return;
    case 'copy-endpoint':
      await ctx.electron.clipboard.writeText(`${ctx.server.url}/v1`);
      return;
    case 'copy-client-key':
      await ctx.electron.clipboard.writeText(ctx.setup.credentials.clientKey);
      return;
    case 'set-open-at-login':
      ctx.loginItem.setEnabled(action.enabled);
      ctx.setState({ openAtLogin: ctx.loginItem.isEnabled() });
      return;
    case 'quit':
      ctx.electron.app.quit();
      return;
  }
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
