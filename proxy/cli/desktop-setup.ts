// What the desktop app needs before its gateway starts, shared by Electron's main process and the
// headless fallback of `switchyard desktop`: a working key store, the desktop's own credentials, and a
// starter config that makes the local client key the gateway's client key.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDir } from '../store/ensure-dir';
import { ensureDesktopCredentials, CLIENT_KEY_NAME, type DesktopCredentials } from '../keys/desktop-credentials';
import { openKeyStore, type KeyStore, type KeyStoreKind } from '../keys/key-store';
import type { RunningServer, startServer } from '../server/start-server';

export interface DesktopSetup {
  keyStore: KeyStore;
  keyStoreKind: KeyStoreKind;
  credentials: DesktopCredentials;
  configPath: string;
  /** One line each, for the log: e.g. why the file store stands in for the keychain. */
  notes: string[];
}

export interface DesktopSetupOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Tests and callers may choose the stores; defaults to openKeyStore. */
  openStore?: (kind: KeyStoreKind) => KeyStore;
}

export const DESKTOP_CONFIG_NAME = 'config.json';

export async function prepareDesktop(options: DesktopSetupOptions): Promise<DesktopSetup> {
  const open = options.openStore ?? ((kind: KeyStoreKind) => openKeyStore(kind, options.dataDir, { env: options.env }));
  const notes: string[] = [];
  ensureDir(options.dataDir, 0o700);
  // SWITCHYARD_KEY_STORE=file skips the keychain, as it does for `switchyard keys` and `serve`.
  let keyStoreKind: KeyStoreKind = options.env.SWITCHYARD_KEY_STORE === 'file' ? 'file' : 'keychain';
  let keyStore = open(keyStoreKind);
  let credentials: DesktopCredentials;
  try {
    credentials = await ensureDesktopCredentials(keyStore);
  } catch (err) {
    if (keyStoreKind === 'file') throw err;
    // No Secret Service (a bare Linux session) or a locked keychain: keep working with the encrypted file.
    keyStoreKind = 'file';
    keyStore = open('file');
    credentials = await ensureDesktopCredentials(keyStore);
    notes.push(`OS keychain unavailable (${(err as Error).message.split(';')[0]}); keys are kept in the encrypted file in ${options.dataDir}`);
  }
  const configPath = path.join(options.dataDir, DESKTOP_CONFIG_NAME);
  if (writeStarterConfig(configPath)) notes.push(`created ${configPath}`);
  return { keyStore, keyStoreKind, credentials, configPath, notes };
}

/** The first-run config: no providers yet, and the local client key (resolved from the key store). */
export function starterConfig(): object {
  return { clients: [{ name: 'desktop', key: `keychain:${CLIENT_KEY_NAME}` }] };
}

/** Writes the starter config unless a config already exists; true when it wrote one. */
export function writeStarterConfig(configPath: string): boolean {
  try {
    fs.writeFileSync(configPath, `${JSON.stringify(starterConfig(), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export interface GatewayStartOptions {
  setup: DesktopSetup;
  dataDir: string;
  port: number;
  /** A port the user chose is used as given; the default one moves up when taken. */
  portIsDefault: boolean;
  start: typeof startServer;
  env?: NodeJS.ProcessEnv;
}

export const PORT_ATTEMPTS = 10;

/** Starts the gateway with the desktop's key store and admin token, on the first free port from `port`. */
export async function startDesktopGateway(options: GatewayStartOptions): Promise<RunningServer> {
  const attempts = options.portIsDefault ? PORT_ATTEMPTS : 1;
  for (let i = 0; ; i++) {
    try {
      return await options.start({
        configPath: options.setup.configPath,
        dataDir: options.dataDir,
        port: options.port + i,
        keyStore: options.setup.keyStore,
        adminToken: options.setup.credentials.adminToken,
        env: options.env,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i + 1 >= attempts) throw err;
    }
  }
}
