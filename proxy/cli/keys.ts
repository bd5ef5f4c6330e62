// `switchyard keys set|list|delete`: manage provider keys in the OS keychain or the encrypted file.
// Secrets arrive on stdin only (argv is visible to every process on the machine) and are never printed.

import * as path from 'node:path';
import { KEY_NAME_RULE } from '../keys/key-name';
import { isKeyStoreKind, isValidKeyName, openKeyStore, type KeyStore, type KeyStoreKind } from '../keys/key-store';
import { KeyStoreError } from '../keys/key-store-error';
import { readSecret, SecretInputError, type SecretInput } from './read-secret';
import { defaultDataDir } from './serve';

export interface KeysCommandIo {
  stdin: SecretInput;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export interface KeysCommandDeps {
  openStore?: (kind: KeyStoreKind, dataDir: string, env: NodeJS.ProcessEnv) => KeyStore;
}

export const KEY_STORE_ENV = 'SWITCHYARD_KEY_STORE';

const USAGE = `usage: switchyard keys <command> [--store keychain|file] [--data-dir <dir>]

  keys set NAME      store a secret read from stdin (a hidden prompt on a terminal)
  keys list          print the stored names, one a line (never the values)
  keys delete NAME   remove a stored secret

  --store     keychain (OS keychain, service "Switchyard", account NAME; default)
              file (AES-256-GCM file <data-dir>/keys.enc.json; master key from
              SWITCHYARD_MASTER_KEY, SWITCHYARD_MASTER_KEY_FILE or <data-dir>/master.key)
              The default can also be set with SWITCHYARD_KEY_STORE.
  --data-dir  where the file store lives (default: ~/.switchyard or $SWITCHYARD_HOME,
              the same folder as "switchyard serve")
`;

interface ParsedArgs {
  command?: string;
  positionals: string[];
  store?: string;
  dataDir?: string;
  help: boolean;
}

class UsageError extends Error {}

export async function runKeysCommand(args: string[], io: KeysCommandIo, deps: KeysCommandDeps = {}): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args);
  } catch (err) {
    io.stderr.write(`switchyard keys: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.help || !parsed.command) {
    (parsed.help ? io.stdout : io.stderr).write(USAGE);
    return parsed.help ? 0 : 2;
  }
  const storeName = parsed.store ?? io.env[KEY_STORE_ENV] ?? 'keychain';
  if (!isKeyStoreKind(storeName)) {
    io.stderr.write(`switchyard keys: unknown store ${JSON.stringify(storeName)} (use keychain or file)\n`);
    return 2;
  }
  const dataDir = path.resolve(parsed.dataDir ?? defaultDataDir(io.env));
  const open = deps.openStore ?? ((kind, dir, env) => openKeyStore(kind, dir, { env }));
  try {
    const store = open(storeName, dataDir, io.env);
    return await runSubcommand(parsed, store, storeName, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`switchyard keys: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof KeyStoreError || err instanceof SecretInputError ? err.message : `unexpected error: ${(err as Error).message}`;
    io.stderr.write(`switchyard keys: ${message}\n`);
    return 1;
  }
}

async function runSubcommand(parsed: ParsedArgs, store: KeyStore, kind: KeyStoreKind, io: KeysCommandIo): Promise<number> {
  const where = kind === 'keychain' ? 'the OS keychain (service Switchyard)' : 'the encrypted key file';
  switch (parsed.command) {
    case 'list': {
      expectPositionals(parsed, 0);
      for (const name of await store.list()) io.stdout.write(`${name}\n`);
      return 0;
    }
    case 'set': {
      if (parsed.positionals.length > 1) {
        throw new UsageError('keys set takes only NAME: the secret is read from stdin, never from the command line');
      }
      const name = expectName(parsed);
      const secret = await readSecret(io.stdin, io.stderr, `Secret for ${name} (input hidden): `);
      if (secret === '') throw new UsageError('no secret on stdin; pipe it in, e.g. printf %s "$KEY" | switchyard keys set NAME');
      await store.set(name, secret);
      io.stderr.write(`stored ${name} in ${where}\n`);
      return 0;
    }
    case 'delete': {
      const name = expectName(parsed);
      expectPositionals(parsed, 1);
      if (await store.delete(name)) {
        io.stderr.write(`deleted ${name} from ${where}\n`);
        return 0;
      }
      io.stderr.write(`switchyard keys: no key named ${name} in ${where}\n`);
      return 1;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(parsed.command)} (use set, list or delete)`);
  }
}

function expectName(parsed: ParsedArgs): string {
  const name = parsed.positionals[0];
  if (name === undefined) throw new UsageError(`keys ${parsed.command} needs a NAME`);
  if (!isValidKeyName(name)) {
    throw new UsageError(`invalid key name ${JSON.stringify(name)}: ${KEY_NAME_RULE}`);
  }
  return name;
}

function expectPositionals(parsed: ParsedArgs, count: number): void {
  if (parsed.positionals.length > count) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[count])}`);
}

function parseArgs(args: string[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[i + 1];
      if (next === undefined || next === '' || (inline === undefined && next.startsWith('--'))) throw new Error(`${flag} needs a value`);
      if (inline === undefined) i++;
      return next;
    };
    if (flag === '--store') parsed.store = value();
    else if (flag === '--data-dir') parsed.dataDir = value();
    else if (flag === '--help' || flag === '-h') parsed.help = true;
    else if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
    else if (parsed.command === undefined) parsed.command = arg;
    else parsed.positionals.push(arg);
  }
  return parsed;
}
