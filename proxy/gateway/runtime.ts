// The config turned into lookup tables once, so the hot path never scans arrays.
// A new Runtime is built on every config change (profile switch, reload) and swapped in whole.

import { hash } from 'node:crypto';
import type { ClientConfig, Config, ProviderConfig, RouteBody } from '../config/schema';
import { targetRefOf } from '../config/check-references';
import { findCatalogEntry, type AuthScheme, type CatalogEntry } from '../providers/catalog';
import { resolveProviderBaseUrl } from '../providers/resolve-base-url';
import type { AzureOptions } from '../providers/provider-options';
import type { AuthorizeOptions } from '../providers/auth/authorize';
import type { WireFormat } from '../formats/canonical';
import { PriceBook } from '../spend/price-book';
import { GatewayError } from '../errors';
import type { Account } from '../routing/account-pool';
import { compileRules, type CompiledRule } from '../routing/match-rules';
import type { RetrySettings } from '../routing/retry-policy';
import { resolveRetrySettings, resolveRoutingSettings, type RoutingSettings } from '../routing/routing-settings';
import { applyRouteOverrides, type RouteOverrides, type RouteSource } from '../routing/route-overrides';
import { scrubbableSecrets } from '../pipeline/scrub-secrets';
import { providerHeaderSecrets } from '../config/load-config';

export interface ProviderRuntime {
  id: string;
  kind: string;
  entry: CatalogEntry | undefined;
  wire: WireFormat;
  /** Base URL without a trailing slash, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  auth: AuthScheme;
  /** The first account's key (kept for callers that use one key, like embeddings). */
  secret: string | undefined;
  /** One per key: `apiKey` first, then `apiKeys`; a keyless provider has one account without a secret. */
  accounts: Account[];
  /** Every account's key long enough to scrub from what the upstream answers (scrub-secrets.ts). */
  scrubSecrets: readonly string[];
  timeoutMs: number;
  /** Longest silence between chunks once an answer has started; past it the attempt fails. */
  idleTimeoutMs: number;
  headers: Record<string, string>;
  streamUsage: boolean;
  models: string[];
  /** Azure OpenAI: model → deployment rewrite of every path. */
  azure?: AzureOptions;
  authOptions: AuthorizeOptions;
}

export interface Target {
  /** `<provider id>/<model>` */
  ref: string;
  provider: ProviderRuntime;
  model: string;
  weight: number;
}

export interface ResolvedRoute {
  name: string;
  strategy: RouteBody['strategy'];
  targets: Target[];
  retry: RetrySettings;
  /** Where the effective body came from: the config file, the active profile, or a runtime edit. */
  source: RouteSource;
}

export interface Runtime {
  config: Config;
  activeProfile: string | null;
  providers: Map<string, ProviderRuntime>;
  routes: Map<string, ResolvedRoute>;
  clientsByKeyHash: Map<string, ClientConfig>;
  priceBook: PriceBook;
  rules: CompiledRule[];
  routing: RoutingSettings;
  /** Runtime route edits (PUT /api/routes/:name) applied over the config and profile. */
  routeOverrides: RouteOverrides;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** What undici allowed before this was a setting: a stalled stream is cut after five minutes. */
const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
const DIRECT_RETRY = resolveRetrySettings(undefined);

export function hashKey(key: string): string {
  // One-shot: a quarter of the cost of createHash().update().digest() on every request's key.
  return hash('sha256', key, 'hex');
}

export function buildRuntime(config: Config, activeProfile: string | null, routeOverrides: RouteOverrides = {}): Runtime {
  const providers = new Map<string, ProviderRuntime>();
  for (const p of config.providers) providers.set(p.id, buildProvider(p));

  const routeBodies = new Map<string, { body: RouteBody; source: RouteSource }>(config.routes.map((r) => [r.name, { body: r, source: 'config' }]));
  const profile = activeProfile ? config.profiles.find((p) => p.name === activeProfile) : undefined;
  if (profile) for (const [name, body] of Object.entries(profile.routes)) routeBodies.set(name, { body, source: 'profile' });
  applyRouteOverrides(routeBodies, routeOverrides, providers);

  const routes = new Map<string, ResolvedRoute>();
  for (const [name, { body, source }] of routeBodies) {
    routes.set(name, {
      name,
      strategy: body.strategy,
      targets: body.targets.map((t) => toTarget(providers, targetRefOf(t), typeof t === 'string' ? 1 : (t.weight ?? 1))),
      retry: resolveRetrySettings(body.retry),
      source,
    });
  }

  const clientsByKeyHash = new Map(config.clients.map((c) => [hashKey(c.key), c]));
  return {
    config,
    activeProfile: profile ? profile.name : null,
    providers,
    routes,
    clientsByKeyHash,
    priceBook: new PriceBook(config),
    rules: compileRules(config.rules ?? []),
    routing: resolveRoutingSettings(config.routing),
    routeOverrides,
  };
}

function buildProvider(p: ProviderConfig): ProviderRuntime {
  const entry = findCatalogEntry(p.kind);
  const wire = (entry?.wire ?? p.kind) as WireFormat;
  const baseUrl = resolveProviderBaseUrl(entry, p);
  const accounts = accountsOf(p);
  return {
    id: p.id,
    kind: p.kind,
    entry,
    wire,
    baseUrl,
    auth: entry?.auth ?? defaultAuth(wire),
    secret: p.apiKey ?? p.apiKeys?.[0],
    accounts,
    scrubSecrets: scrubbableSecrets([...accounts.map((a) => a.secret), ...(providerHeaderSecrets.get(p) ?? [])]),
    timeoutMs: p.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    idleTimeoutMs: p.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    headers: p.headers ?? {},
    streamUsage: entry?.streamUsage ?? true,
    models: [...(p.models ?? []), ...Object.keys(p.prices ?? {})].filter((m, i, all) => all.indexOf(m) === i),
    azure: entry?.id === 'azure' || p.azure ? (p.azure ?? {}) : undefined,
    authOptions: { awsRegion: p.bedrock?.region },
  };
}

function accountsOf(p: ProviderConfig): Account[] {
  const keys = [...(p.apiKey ? [p.apiKey] : []), ...(p.apiKeys ?? [])];
  if (keys.length === 0) return [{ id: `${p.id}#1`, providerId: p.id, secret: undefined }];
  return keys.map((secret, i) => ({ id: `${p.id}#${i + 1}`, providerId: p.id, secret }));
}

function defaultAuth(wire: WireFormat): AuthScheme {
  if (wire === 'anthropic') return 'x-api-key';
  if (wire === 'gemini') return 'query-key';
  return 'bearer';
}

function toTarget(providers: Map<string, ProviderRuntime>, ref: string, weight: number): Target {
  const slash = ref.indexOf('/');
  const provider = providers.get(ref.slice(0, slash));
  if (!provider) throw new Error(`unknown provider in target ${ref}`); // config validation prevents this
  return { ref, provider, model: ref.slice(slash + 1), weight };
}

/**
 * Longest model name accepted. Real ones, Bedrock ARNs included, are far shorter; the name travels
 * in a response header (a huge one makes the answer unreadable) and into every request-log row.
 */
export const MAX_MODEL_CHARS = 512;

// What an HTTP header value can carry: `x-switchyard-target` names the address that answered.
const UNSENDABLE_IN_HEADER = /[^\x20-\x7e\x80-\xff]/;

/** A route by name, or a direct `<provider id>/<model>` address as a one-target route. */
export function resolveModel(runtime: Runtime, model: string): ResolvedRoute {
  if (model.length > MAX_MODEL_CHARS) {
    throw new GatewayError('invalid_request', `model name is ${model.length} characters long, more than the ${MAX_MODEL_CHARS} any model name needs (it starts ${JSON.stringify(model.slice(0, 40))})`, { code: 'invalid_model' });
  }
  const route = runtime.routes.get(model);
  if (route) return route;
  const slash = model.indexOf('/');
  if (slash > 0) {
    // Refused before any upstream call: no provider names a model with control characters.
    if (UNSENDABLE_IN_HEADER.test(model)) {
      throw new GatewayError('invalid_request', `model ${JSON.stringify(model)} contains control or non-Latin-1 characters, which no model name has`, { code: 'invalid_model' });
    }
    const provider = runtime.providers.get(model.slice(0, slash));
    if (provider) return { name: model, strategy: 'fallback', targets: [{ ref: model, provider, model: model.slice(slash + 1), weight: 1 }], retry: DIRECT_RETRY, source: 'config' };
  }
  const known = [...runtime.routes.keys(), ...[...runtime.providers.keys()].map((id) => `${id}/<model>`)];
  throw new GatewayError('not_found', `model "${model}" is not a route or a <provider>/<model> address; available: ${known.join(', ') || 'none configured'}`, { code: 'model_not_found' });
}

/** Supported providers validated by kind; a kind that is neither a wire format nor a catalog id is rejected at load. */
export function isKnownKind(kind: string): boolean {
  return findCatalogEntry(kind) !== undefined || kind === 'openai' || kind === 'anthropic' || kind === 'gemini';
}
