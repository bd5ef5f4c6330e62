// Reads a JSON or YAML config file, validates it, and resolves `env:` and `keychain:` secrets.
// Every failure names the file, the field and the problem.

import { readFile } from 'node:fs/promises';
import { configSchema, type Config } from './schema';
import { checkConfigReferences } from './check-references';
import { headerNameProblem, headerValueProblem } from './header-safe';
import { parseKeychainReference } from '../keys/resolve-keychain-reference';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly field: string, readonly problem: string) {
    super(`${file}: ${field || '(top level)'}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Looks up a named secret in the key store (the OS keychain or the encrypted file). */
export type SecretLookup = (name: string) => Promise<string | undefined>;

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  keychain?: SecretLookup;
}

export async function loadConfigFile(file: string, options: LoadOptions = {}): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, '', `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConfigText(text, file, options);
}

export async function parseConfigText(text: string, file: string, options: LoadOptions = {}): Promise<Config> {
  const isYaml = /\.ya?ml$/i.test(file);
  let raw: unknown;
  try {
    // The YAML parser costs ~8 MB of resident memory: loaded only for a YAML file.
    // `<<: *anchor` merge keys are a common way to share provider settings; YAML 1.2 leaves them off by default.
    raw = isYaml ? (await import('yaml')).parse(text, { merge: true }) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, '', `not valid ${isYaml ? 'YAML' : 'JSON'}: ${syntaxProblem(err as Error)}`);
  }
  // An empty YAML file (or one of comments only) is an empty config; a JSON `null` is a mistake, not one.
  return validateConfig(raw === null && isYaml ? {} : raw, file, options);
}

/**
 * A parser's message without the excerpt of the file it quotes: the excerpt may hold a literal key,
 * and this message goes to the log and to GET /api/config/status. The line and column stay.
 */
function syntaxProblem(err: Error): string {
  // YAML: "… at line 4, column 1:" followed by a code frame of the offending lines.
  const firstLine = err.message.split('\n', 1)[0]!.replace(/:$/, '');
  // JSON: `Unexpected token 'x', …"apiKey": sk-li"… is not valid JSON`.
  return firstLine.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/, '');
}

export async function validateConfig(raw: unknown, file: string, options: LoadOptions = {}): Promise<Config> {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const problem = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    throw new ConfigError(file, formatPath(path), problem);
  }
  const config = parsed.data;
  const reference = checkConfigReferences(config);
  if (reference) throw new ConfigError(file, reference.field, reference.problem);
  await resolveSecrets(config, file, options);
  return config;
}

/**
 * Where each provider's key came from (`env:NAME`, `keychain:NAME` or `literal`), so the admin API
 * can say so without ever showing the value. Keyed by the provider's config object.
 */
export const providerKeyRefs = new WeakMap<object, string>();

/**
 * Header values each provider read from `env:`/`keychain:` references: credentials like its key, so
 * they are scrubbed from what the upstream answers. Literal header values are not secrets.
 */
export const providerHeaderSecrets = new WeakMap<object, string[]>();

/** One key-store lookup a provider's config made: the name and what it found then. */
export interface KeyStoreRead {
  name: string;
  value: string | undefined;
  /** The key looked up under the provider's id for want of a configured one: its absence is no error. */
  implicit: boolean;
}

/**
 * Every key-store lookup each provider made (apiKey, apiKeys, headers, or the key stored under its
 * id), keyed by the provider's config object: a running gateway re-reads them to notice a key
 * rotated with `switchyard keys set` (server/recheck-stored-keys.ts).
 */
export const providerKeyStoreReads = new WeakMap<object, KeyStoreRead[]>();

async function resolveSecrets(config: Config, file: string, options: LoadOptions): Promise<void> {
  const resolve = (value: string, field: string) => resolveSecret(value, field, file, options);
  if (config.adminToken) config.adminToken = await resolve(config.adminToken, 'adminToken');
  for (const [i, p] of config.providers.entries()) {
    const reads: KeyStoreRead[] = [];
    // Resolves like `resolve`, noting each key-store lookup so a rotated key can be noticed later.
    const resolveNoted = async (value: string, field: string) => {
      const found = await resolve(value, field);
      const name = parseKeychainReference(value);
      if (name !== undefined) reads.push({ name, value: found, implicit: false });
      return found;
    };
    if (p.apiKey) {
      providerKeyRefs.set(p, p.apiKey.startsWith('env:') || p.apiKey.startsWith('keychain:') ? p.apiKey : 'literal');
      p.apiKey = await resolveNoted(p.apiKey, `providers[${i}].apiKey`);
    } else if (!p.apiKeys && options.keychain) {
      // A provider without a configured key uses the key stored under its id (the dashboard's
      // "add key" and `switchyard keys set <id>`), when there is one.
      const stored = await options.keychain(p.id).catch(() => undefined);
      reads.push({ name: p.id, value: stored || undefined, implicit: true });
      if (stored) {
        p.apiKey = stored;
        providerKeyRefs.set(p, `keychain:${p.id}`);
      }
    }
    if (p.apiKeys) for (const [j, key] of p.apiKeys.entries()) p.apiKeys[j] = await resolveNoted(key, `providers[${i}].apiKeys[${j}]`);
    const keyProblem = p.apiKey === undefined ? undefined : headerValueProblem(p.apiKey);
    if (keyProblem) throw new ConfigError(file, `providers[${i}].apiKey`, keyProblem);
    for (const [j, key] of (p.apiKeys ?? []).entries()) {
      const problem = headerValueProblem(key);
      if (problem) throw new ConfigError(file, `providers[${i}].apiKeys[${j}]`, problem);
    }
    // Extra headers often carry a second credential (an API-management subscription key, an
    // observability token): `env:`/`keychain:` work there as in apiKey, instead of going out literally.
    for (const [name, value] of Object.entries(p.headers ?? {})) {
      const field = `providers[${i}].headers.${name}`;
      const nameProblem = headerNameProblem(name);
      if (nameProblem) throw new ConfigError(file, field, nameProblem);
      const resolved = await resolveNoted(value, field);
      const problem = headerValueProblem(resolved);
      if (problem) throw new ConfigError(file, field, problem);
      p.headers![name] = resolved;
      if (resolved !== value) providerHeaderSecrets.set(p, [...(providerHeaderSecrets.get(p) ?? []), resolved]);
    }
    if (reads.length > 0) providerKeyStoreReads.set(p, reads);
  }
  const keyOwners = new Map<string, string>();
  for (const [i, c] of config.clients.entries()) {
    c.key = await resolve(c.key, `clients[${i}].key`);
    // One key, two clients: every request would be billed to whichever one the lookup happens to keep.
    const owner = keyOwners.get(c.key);
    if (owner !== undefined) throw new ConfigError(file, `clients[${i}].key`, `the same key as client "${owner}"; every client needs its own key`);
    keyOwners.set(c.key, c.name);
  }
}

async function resolveSecret(value: string, field: string, file: string, options: LoadOptions): Promise<string> {
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    const found = (options.env ?? process.env)[name];
    if (found === undefined || found === '') throw new ConfigError(file, field, `environment variable ${name} is not set`);
    return found;
  }
  if (value.startsWith('keychain:')) {
    const name = value.slice('keychain:'.length);
    if (!options.keychain) throw new ConfigError(file, field, `no key store is available to resolve keychain:${name}`);
    let found: string | undefined;
    try {
      found = await options.keychain(name);
    } catch (err) {
      throw new ConfigError(file, field, `key store lookup of ${name} failed: ${(err as Error).message}`);
    }
    if (found === undefined) throw new ConfigError(file, field, `key ${name} is not in the key store (add it with: switchyard keys set ${name})`);
    return found;
  }
  return value;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}
