// `switchyard serve`: the headless gateway and dashboard, with graceful shutdown on SIGTERM/SIGINT.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/load-config';
import { isKeyStoreKind, openKeyStore } from '../keys/key-store';
import { startServer } from '../server/start-server';
import { flagString, parseFlags } from './parse-flags';
import { parsePort } from './parse-port';

export const DEFAULT_PORT = 7420;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SWITCHYARD_HOME ?? join(homedir(), '.switchyard');
}

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const SERVE_FLAGS = ['config', 'data-dir', 'port', 'host', 'database', 'redis', 'key-store'];

const USAGE = `usage: switchyard serve [--config FILE] [--data-dir DIR] [--port N] [--host ADDR]
                       [--database postgres://…] [--redis redis://…] [--key-store keychain|file]
  --config     JSON or YAML config (default: <data-dir>/config.json when it exists)
  --data-dir   SQLite database, admin token and key file (default: ~/.switchyard or $SWITCHYARD_HOME)
  --port       0-65535 (default ${DEFAULT_PORT} or $SWITCHYARD_PORT)
  --host       address to listen on (default 127.0.0.1)
  --database, --redis   team mode: shared PostgreSQL and Redis
  --key-store  where keychain:NAME references are read (default keychain or $SWITCHYARD_KEY_STORE)
`;

export async function runServeCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  let parsed;
  try {
    parsed = parseFlags(args, SERVE_FLAGS);
  } catch (err) {
    io.stderr.write(`switchyard serve: ${(err as Error).message}\n`);
    return 2;
  }
  // A typo'd flag (`--confg prod.json`) must not start a gateway without the config it names.
  const unknown = [...[...parsed.flags.keys()].filter((name) => !SERVE_FLAGS.includes(name)).map((name) => `--${name}`), ...parsed.positional];
  if (unknown.length > 0) {
    io.stderr.write(`switchyard serve: unknown argument "${unknown[0]}" (flags: ${SERVE_FLAGS.map((name) => `--${name}`).join(', ')})\n`);
    return 2;
  }
  const empty = [...parsed.flags].find(([, value]) => value === '');
  if (empty) {
    io.stderr.write(`switchyard serve: --${empty[0]} needs a value\n`);
    return 2;
  }
  const dataDir = resolve(flagString(parsed, 'data-dir') ?? defaultDataDir(io.env));
  const implicitConfig = join(dataDir, 'config.json');
  const configPath = flagString(parsed, 'config') ?? (existsSync(implicitConfig) ? implicitConfig : undefined);
  const portText = flagString(parsed, 'port') ?? io.env.SWITCHYARD_PORT ?? String(DEFAULT_PORT);
  const port = parsePort(portText);
  if (port === undefined) {
    io.stderr.write(`switchyard serve: --port must be a whole number from 0 to 65535, not ${JSON.stringify(portText)}\n`);
    return 2;
  }
  // `keychain:NAME` in the config resolves through the store `switchyard keys` writes to.
  const keyStoreKind = flagString(parsed, 'key-store') ?? io.env.SWITCHYARD_KEY_STORE ?? 'keychain';
  if (!isKeyStoreKind(keyStoreKind)) {
    io.stderr.write(`switchyard serve: --key-store must be keychain or file\n`);
    return 2;
  }
  const keyStore = openKeyStore(keyStoreKind, dataDir, { env: io.env });
  let server;
  try {
    server = await startServer({
      configPath: configPath && resolve(configPath), dataDir, port, host: flagString(parsed, 'host'), keyStore,
      database: flagString(parsed, 'database') ?? io.env.SWITCHYARD_DATABASE_URL, redis: flagString(parsed, 'redis') ?? io.env.SWITCHYARD_REDIS_URL, env: io.env,
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`switchyard: invalid config: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`switchyard: cannot start: ${listenProblem(err as NodeJS.ErrnoException, flagString(parsed, 'host') ?? '127.0.0.1', port)}\n`);
    return 1;
  }
  io.stdout.write(`Switchyard gateway on ${server.url}  (OpenAI: ${server.url}/v1, Anthropic: ${server.url}, Gemini: ${server.url}/v1beta)\n`);
  io.stdout.write(`Dashboard: ${server.url}/#token=${server.adminToken}\n`);
  return new Promise<number>((resolveExit) => {
    const stop = (signal: string) => {
      io.stdout.write(`switchyard: ${signal} received, finishing in-flight requests\n`);
      server.close().then(() => resolveExit(0), (err) => {
        io.stderr.write(`switchyard: shutdown error: ${(err as Error).message}\n`);
        resolveExit(1);
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** What the user can do about a socket that would not open; other errors keep their own message. */
function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `${host}:${port} is already in use (another gateway?); choose another --port`;
    case 'EACCES':
      return `no permission to listen on ${host}:${port} (ports below 1024 need privileges); choose another --port`;
    case 'EADDRNOTAVAIL':
      return `--host ${host} is not an address of this machine`;
    case 'ENOTFOUND':
      return `--host ${host} does not resolve to an address`;
    default:
      return err.message;
  }
}
