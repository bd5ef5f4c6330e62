// `switchyard desktop` (what `npm start` runs): launches the Electron tray app, or, where Electron
// cannot start (no binary, no display), says so in one line and runs the same gateway headless.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from '../server/start-server';
import { desktopDataDir } from './desktop-data-dir';
import { prepareDesktop, startDesktopGateway } from './desktop-setup';
import { flagString, parseFlags } from './parse-flags';
import { parsePort } from './parse-port';
import { DEFAULT_PORT, type CliIo } from './serve';

export interface DesktopCommandDeps {
  platform?: NodeJS.Platform;
  home?: string;
  /** Path of the Electron binary; throws when Electron is not installed. */
  resolveElectron?: () => string;
  /** Runs Electron and resolves its exit code. */
  runElectron?: (binary: string, args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
  startServer?: typeof startServer;
  /** Resolves when the headless gateway should stop (SIGTERM/SIGINT by default). */
  untilStopped?: () => Promise<string>;
}

/** An Electron that exits non-zero this soon never came up (missing libraries, sandbox refused…). */
const EARLY_EXIT_MS = 5000;
const APP_ROOT = path.join(__dirname, '..', '..', '..');

export async function runDesktopCommand(args: string[], io: CliIo, deps: DesktopCommandDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, ['port', 'data-dir']);
  } catch (err) {
    io.stderr.write(`switchyard desktop: ${(err as Error).message}\n`);
    return 2;
  }
  const platform = deps.platform ?? process.platform;
  const portFlag = flagString(parsed, 'port') ?? io.env.SWITCHYARD_PORT;
  const port = parsePort(portFlag ?? String(DEFAULT_PORT));
  if (port === undefined) {
    io.stderr.write('switchyard desktop: --port must be a whole number from 0 to 65535\n');
    return 2;
  }
  const dataDirFlag = flagString(parsed, 'data-dir');
  const dataDir = path.resolve(dataDirFlag ?? desktopDataDir(platform, io.env, deps.home ?? os.homedir()));

  const resolve = deps.resolveElectron ?? (() => resolveElectron(io.env));
  let reason = parsed.flags.has('headless') ? 'headless mode requested' : electronBlocker(platform, io.env, resolve);
  if (reason === undefined) {
    const binary = resolve();
    const started = Date.now();
    const electronArgs = [APP_ROOT, ...(portFlag ? [`--port=${port}`] : []), ...(dataDirFlag ? [`--data-dir=${dataDir}`] : [])];
    const code = await (deps.runElectron ?? runElectron)(binary, electronArgs, io.env);
    if (code === 0 || Date.now() - started > EARLY_EXIT_MS) return code;
    reason = `Electron exited with code ${code} while starting`;
  }
  io.stderr.write(`switchyard desktop: ${reason}; running the headless gateway instead\n`);
  return runHeadless(io, deps, { dataDir, port, portIsDefault: portFlag === undefined });
}

/** Why Electron cannot start here, or undefined when it should. */
export function electronBlocker(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, resolve: () => string): string | undefined {
  let binary: string;
  try {
    binary = resolve();
  } catch {
    return 'the Electron binary is not installed (get it with: npx install-electron --no)';
  }
  if (!fs.existsSync(binary)) return `the Electron binary is missing at ${binary}`;
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  }
  return undefined;
}

/**
 * The Electron binary's path, read the way the electron package does but without its side effect:
 * since Electron 45, require('electron') downloads a missing binary, which must not happen here.
 */
export function resolveElectron(env: NodeJS.ProcessEnv = process.env): string {
  const packageDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  if (!executable) throw new Error('the Electron binary was never downloaded');
  return path.join(packageDir, 'dist', executable);
}

function runElectron(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const childEnv = { ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE; // would make the binary a plain Node and never open the app
  const child = spawn(binary, args, { stdio: 'inherit', env: childEnv });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    const done = (code: number) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code);
    };
    child.once('error', () => done(127));
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

async function runHeadless(io: CliIo, deps: DesktopCommandDeps, options: { dataDir: string; port: number; portIsDefault: boolean }): Promise<number> {
  let server;
  try {
    const setup = await prepareDesktop({ dataDir: options.dataDir, env: io.env });
    server = await startDesktopGateway({ ...options, setup, start: deps.startServer ?? startServer, env: io.env });
    io.stdout.write(`Switchyard gateway on ${server.url}  (OpenAI: ${server.url}/v1, Anthropic: ${server.url}, Gemini: ${server.url}/v1beta)\n`);
    io.stdout.write(`Dashboard: ${server.url}/#token=${server.adminToken}\n`);
    io.stdout.write(`Client key: ${setup.credentials.clientKey}\n`);
    io.stdout.write(`Data: ${options.dataDir} (keys in the ${setup.keyStoreKind === 'keychain' ? 'OS keychain' : 'encrypted key file'})\n`);
    for (const note of setup.notes) io.stdout.write(`note: ${note}\n`);
  } catch (err) {
    io.stderr.write(`switchyard desktop: cannot start the gateway: ${(err as Error).message}\n`);
    return 1;
  }
  const signal = await (deps.untilStopped ?? untilSignal)();
  io.stdout.write(`switchyard: ${signal} received, finishing in-flight requests\n`);
  await server.close();
  return 0;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}
