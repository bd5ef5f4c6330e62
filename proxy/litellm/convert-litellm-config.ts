// LiteLLM proxy config (model_list, router/litellm/general settings) → Switchyard config, plus a list of
// everything that had no faithful mapping. Pure: the CLI reads and writes the files.
// https://docs.litellm.ai/docs/proxy/configs

import { toSwitchyardSecret } from './env-ref';
import { mapDeploymentEndpoint, type DeploymentEndpoint } from './map-deployment-endpoint';
import { LITELLM_PREFIX_TO_KIND, LITELLM_ROUTE_HINTS, inferKindFromBareModel } from './litellm-provider-kinds';
import { readDeploymentFirstByteMs, readNumRetries, readRouterTimeouts, routeAttempts } from './read-retries-and-timeout';
import { litellmNumber } from './litellm-number';

export interface ImportedPrice {
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
}

export interface ImportedProvider extends Omit<DeploymentEndpoint, 'unmapped'> {
  id: string;
  timeoutMs?: number;
  models: string[];
  prices?: Record<string, ImportedPrice>;
}

export type ImportedTarget = string | { target: string; weight: number };

export interface ImportedRoute {
  name: string;
  strategy: 'fallback' | 'weighted' | 'cheapest' | 'fastest';
  targets: ImportedTarget[];
  retry?: { attempts: number };
}

export interface ImportedConfig {
  adminToken?: string;
  providers: ImportedProvider[];
  routes: ImportedRoute[];
  routing?: { deadlineMs: number };
}

export interface ImportResult {
  config: ImportedConfig;
  /** One human-readable line per thing that was not carried over (or only approximately). */
  unmapped: string[];
}

const STRATEGIES: Record<string, ImportedRoute['strategy']> = {
  'simple-shuffle': 'weighted',
  'latency-based-routing': 'fastest',
  'cost-based-routing': 'cheapest',
};

/** litellm_params the converter reads; the rest are reported. */
const HANDLED_PARAMS = new Set([
  'model', 'custom_llm_provider', 'api_base', 'base_url', 'api_key', 'api_version', 'weight', 'extra_headers',
  'input_cost_per_token', 'output_cost_per_token', 'cache_read_input_token_cost', 'cache_creation_input_token_cost',
  'aws_access_key_id', 'aws_secret_access_key', 'aws_region_name', 'aws_session_token',
  'vertex_project', 'vertex_location', 'vertex_credentials', 'num_retries', 'timeout', 'stream_timeout',
]);
/** router_settings the converter reads; the rest are reported. */
const HANDLED_ROUTER = new Set(['routing_strategy', 'fallbacks', 'num_retries', 'timeout', 'stream_timeout']);
const HANDLED_TOP_LEVEL = new Set(['model_list', 'router_settings', 'litellm_settings', 'general_settings']);

export function convertLitellmConfig(doc: unknown, env: Record<string, string | undefined> = {}): ImportResult {
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { model_list?: unknown }).model_list)) {
    throw new Error('not a LiteLLM proxy config: it has no "model_list" list');
  }
  const root = doc as Record<string, unknown>;
  const unmapped: string[] = [];
  for (const key of Object.keys(root)) if (!HANDLED_TOP_LEVEL.has(key)) unmapped.push(`${key}: no Switchyard equivalent`);

  const router = (root.router_settings ?? {}) as Record<string, unknown>;
  const report = (line: string) => unmapped.push(line);
  // Router-wide defaults, which a deployment's own litellm_params override.
  const defaultRetries = readNumRetries(router.num_retries, 'router_settings.num_retries', report);
  const routerTimeouts = readRouterTimeouts(router, report);

  const providers = new Map<string, ImportedProvider>();
  const routes = new Map<string, { targets: ImportedTarget[]; shares: LoadShare[]; retries: number[] }>();
  const modelList = root.model_list as unknown[];

  modelList.forEach((item, index) => {
    const where = `model_list[${index}]`;
    const deployment = (item ?? {}) as { model_name?: unknown; litellm_params?: Record<string, unknown>; model_info?: unknown };
    const name = typeof deployment.model_name === 'string' ? deployment.model_name : '';
    const params = deployment.litellm_params ?? {};
    const model = typeof params.model === 'string' ? params.model : '';
    if (!name || !model) {
      unmapped.push(`${where}: needs model_name and litellm_params.model; skipped`);
      return;
    }
    const reportHere = (line: string) => unmapped.push(`${where} (${name}): ${line}`);
    if (name.includes('*') || model.includes('*')) {
      reportHere(`wildcard routing is not imported; clients can address any model as "<provider id>/<model>"`);
      return;
    }
    // `custom_llm_provider` names the provider instead of a prefix on the model (LiteLLM's completion() input).
    const named = typeof params.custom_llm_provider === 'string' ? params.custom_llm_provider : undefined;
    const parsed = parseLitellmModel(named && !model.startsWith(`${named}/`) ? `${named}/${model}` : model);
    if (!parsed) {
      reportHere(`provider prefix of "${model}" is not supported; skipped`);
      return;
    }
    if (!parsed.prefix) reportHere(`"${model}" has no provider prefix; assumed ${parsed.kind}`);
    if (parsed.kind === 'vertex' && !/^gemini/.test(parsed.model)) {
      reportHere(`only Gemini models on Vertex AI are supported, not "${parsed.model}"; skipped`);
      return;
    }

    const endpoint = mapDeploymentEndpoint(parsed.kind, params, env);
    for (const line of endpoint.unmapped) reportHere(line);
    const timeoutMs = readDeploymentFirstByteMs(params, routerTimeouts, reportHere);
    const retries = readNumRetries(params.num_retries, 'litellm_params.num_retries', reportHere) ?? defaultRetries;
    for (const key of Object.keys(params)) {
      if (LOAD_FIELDS.some((field) => field === key && field !== 'weight')) {
        reportHere(`litellm_params.${key} is kept only as a load-balancing weight; Switchyard does not enforce per-deployment rate limits`);
      } else if (!HANDLED_PARAMS.has(key)) reportHere(`litellm_params.${key} has no Switchyard equivalent`);
    }
    if (deployment.model_info !== undefined) reportHere('model_info is not imported');

    const provider = findOrAddProvider(providers, timeoutMs === undefined ? endpoint : { ...endpoint, timeoutMs });
    if (!provider.models.includes(parsed.model)) provider.models.push(parsed.model);
    const price = readPrice(params, reportHere);
    if (price) provider.prices = { ...provider.prices, [parsed.model]: price };

    const route = routes.get(name) ?? { targets: [], shares: [], retries: [] };
    if (retries !== undefined) route.retries.push(retries);
    const ref = `${provider.id}/${parsed.model}`;
    if (!route.targets.includes(ref)) {
      route.targets.push(ref);
      route.shares.push(readLoadShare(params));
    } else {
      reportHere(`the same deployment as an earlier entry (${ref}); merged into it`);
    }
    routes.set(name, route);
  });

  const litellmSettings = (root.litellm_settings ?? {}) as Record<string, unknown>;
  const general = (root.general_settings ?? {}) as Record<string, unknown>;

  const strategyName = typeof router.routing_strategy === 'string' ? router.routing_strategy : 'simple-shuffle';
  let strategy = STRATEGIES[strategyName];
  if (!strategy) {
    unmapped.push(`router_settings.routing_strategy "${strategyName}" has no Switchyard equivalent; routes use "weighted"`);
    strategy = 'weighted';
  }
  for (const key of Object.keys(router)) {
    if (!HANDLED_ROUTER.has(key)) unmapped.push(`router_settings.${key} has no Switchyard equivalent`);
  }

  const routeList: ImportedRoute[] = [...routes.entries()].map(([name, route]) => {
    const weights = balanceWeights(route.shares);
    const weighted = strategy === 'weighted' && weights.some((w) => w !== weights[0]);
    const attempts = routeAttempts(name, route.retries, report);
    return {
      name,
      strategy: route.targets.length > 1 ? strategy : 'fallback',
      targets: weighted ? route.targets.map((t, i) => ({ target: t as string, weight: weights[i]! })) : [...route.targets],
      ...(attempts !== undefined ? { retry: { attempts } } : {}),
    };
  });
  if (modelList.length > 0 && providers.size === 0) {
    // An empty config would load and route nothing; say so instead of exiting as if it worked.
    const reasons = unmapped.filter((line) => line.startsWith('model_list['));
    throw new Error(`nothing could be imported: none of the ${modelList.length} model_list entries maps to a Switchyard provider:\n${reasons.map((line) => `  - ${line}`).join('\n')}`);
  }
  const fallbacks = [
    ...readFallbackList(router.fallbacks, 'router_settings.fallbacks', unmapped),
    ...readFallbackList(litellmSettings.fallbacks, 'litellm_settings.fallbacks', unmapped),
  ];
  applyFallbacks(routeList, fallbacks, unmapped);

  for (const key of Object.keys(litellmSettings)) {
    if (key !== 'fallbacks') unmapped.push(`litellm_settings.${key} has no Switchyard equivalent`);
  }
  const config: ImportedConfig = { providers: [...providers.values()], routes: routeList };
  if (routerTimeouts.deadlineMs !== undefined) config.routing = { deadlineMs: routerTimeouts.deadlineMs };
  for (const key of Object.keys(general)) {
    if (key === 'master_key') {
      const token = toSwitchyardSecret(general.master_key);
      if (token && !token.startsWith('env:') && token.length < 8) {
        unmapped.push('general_settings.master_key is shorter than the 8 characters Switchyard requires of adminToken; not imported');
      } else if (token) config.adminToken = token;
    } else unmapped.push(`general_settings.${key} has no Switchyard equivalent`);
  }
  // adminToken first, as in a hand-written config.
  return { config: config.adminToken ? { adminToken: config.adminToken, ...config } : config, unmapped };
}

interface ParsedModel {
  prefix?: string;
  kind: string;
  model: string;
}

export function parseLitellmModel(model: string): ParsedModel | undefined {
  const slash = model.indexOf('/');
  if (slash < 0) return { kind: inferKindFromBareModel(model), model };
  const prefix = model.slice(0, slash);
  const kind = LITELLM_PREFIX_TO_KIND[prefix];
  if (!kind) return undefined;
  let rest = model.slice(slash + 1);
  for (const hint of LITELLM_ROUTE_HINTS[prefix] ?? []) {
    if (rest.startsWith(`${hint}/`)) rest = rest.slice(hint.length + 1);
  }
  return { prefix, kind, model: rest };
}

function findOrAddProvider(providers: Map<string, ImportedProvider>, endpoint: DeploymentEndpoint & { timeoutMs?: number }): ImportedProvider {
  const { unmapped: _unmapped, ...fields } = endpoint;
  const key = JSON.stringify(fields);
  const existing = providers.get(key);
  if (existing) return existing;
  const taken = new Set([...providers.values()].map((p) => p.id));
  let id = fields.kind;
  for (let n = 2; taken.has(id); n++) id = `${fields.kind}-${n}`;
  const provider: ImportedProvider = { id, ...fields, models: [] };
  providers.set(key, provider);
  return provider;
}

/** LiteLLM prices are USD per token; Switchyard's are USD per million tokens. */
function readPrice(params: Record<string, unknown>, report: (line: string) => void): ImportedPrice | undefined {
  const perMillion = (field: string): number | undefined => {
    const value = params[field];
    if (value === undefined || value === null) return undefined;
    // A quoted number ("0.000003") is still a price; anything else is reported, never guessed.
    const perToken = litellmNumber(value);
    if (!Number.isFinite(perToken) || perToken < 0) {
      report(`litellm_params.${field} ${JSON.stringify(value)} is not a USD price per token; ignored`);
      return undefined;
    }
    return Number((perToken * 1_000_000).toPrecision(12));
  };
  const input = perMillion('input_cost_per_token');
  const output = perMillion('output_cost_per_token');
  const cachedInput = perMillion('cache_read_input_token_cost');
  const cacheWrite = perMillion('cache_creation_input_token_cost');
  if (input === undefined && output === undefined) return undefined;
  if (input === undefined || output === undefined) {
    report(`only ${input === undefined ? 'output' : 'input'}_cost_per_token is given; the other price is written as 0`);
  }
  return {
    input: input ?? 0,
    output: output ?? 0,
    ...(cachedInput !== undefined ? { cachedInput } : {}),
    ...(cacheWrite !== undefined ? { cacheWrite } : {}),
  };
}

/** What LiteLLM's simple-shuffle weighs a deployment by: `weight`, else `rpm`, else `tpm`. */
type LoadShare = Partial<Record<(typeof LOAD_FIELDS)[number], number>>;
const LOAD_FIELDS = ['weight', 'rpm', 'tpm'] as const;

function readLoadShare(params: Record<string, unknown>): LoadShare {
  const share: LoadShare = {};
  for (const field of LOAD_FIELDS) {
    const value = params[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) share[field] = value;
  }
  return share;
}

/** The first of weight/rpm/tpm any deployment of the pool sets decides the weights (1 where it is missing). */
function balanceWeights(shares: LoadShare[]): number[] {
  const field = LOAD_FIELDS.find((f) => shares.some((share) => share[f] !== undefined));
  return shares.map((share) => (field ? share[field] ?? 1 : 1));
}

/** `fallbacks` must be a list of `{model: [fallbacks]}` maps; anything else is reported, not skipped silently. */
function readFallbackList(value: unknown, field: string, unmapped: string[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  unmapped.push(`${field} is not a list of {model: [fallbacks]} maps; skipped`);
  return [];
}

/** `[{a: [b, c]}]`: when route a fails, try routes b then c — their targets are appended to a's, in order. */
function applyFallbacks(routes: ImportedRoute[], fallbacks: unknown[], unmapped: string[]): void {
  const byName = new Map(routes.map((r) => [r.name, r]));
  const ownTargets = new Map(routes.map((r) => [r.name, [...r.targets]]));
  for (const item of fallbacks) {
    if (typeof item !== 'object' || item === null) {
      unmapped.push(`fallbacks entry ${JSON.stringify(item)} is not a {model: [fallbacks]} map`);
      continue;
    }
    for (const [from, to] of Object.entries(item as Record<string, unknown>)) {
      if (!Array.isArray(to)) {
        unmapped.push(`fallbacks for "${from}": ${JSON.stringify(to)} is not a list of model_names; skipped`);
        continue;
      }
      const route = byName.get(from);
      if (!route) {
        unmapped.push(`fallbacks: "${from}" is not a model_name in model_list`);
        continue;
      }
      if (route.strategy !== 'fallback') {
        unmapped.push(`fallbacks for "${from}": its ${route.strategy} pool and its fallbacks become one ordered fallback list`);
        route.strategy = 'fallback';
        route.targets = route.targets.map((t) => (typeof t === 'string' ? t : t.target));
      }
      for (const next of to) {
        const extra = typeof next === 'string' ? ownTargets.get(next) : undefined;
        if (!extra) {
          unmapped.push(`fallbacks for "${from}": "${String(next)}" is not a model_name in model_list`);
          continue;
        }
        for (const target of extra) {
          const ref = typeof target === 'string' ? target : target.target;
          if (!route.targets.some((t) => (typeof t === 'string' ? t : t.target) === ref)) route.targets.push(ref);
        }
      }
    }
  }
}
