// Cross-field checks zod can't express: unique ids, targets naming known providers.

import type { Config, TargetConfig } from './schema';
import { findCatalogEntry } from '../providers/catalog';
import { resolveProviderBaseUrl } from '../providers/resolve-base-url';

const WIRE_KINDS = new Set(['openai', 'anthropic', 'gemini', 'bedrock', 'cohere']);

export interface ReferenceProblem {
  field: string;
  problem: string;
}

export function targetRefOf(target: TargetConfig): string {
  return typeof target === 'string' ? target : target.target;
}

/** Checks one route body against the providers of a config (used for runtime route edits too). */
export function checkRouteTargets(config: Pick<Config, 'providers'>, targets: TargetConfig[], field: string): ReferenceProblem | undefined {
  const providerIds = new Set(config.providers.map((p) => p.id));
  for (const [j, t] of targets.entries()) {
    const providerId = targetRefOf(t).split('/')[0]!;
    if (!providerIds.has(providerId)) return { field: `${field}[${j}]`, problem: `unknown provider "${providerId}"` };
  }
  return undefined;
}

export function checkConfigReferences(config: Config): ReferenceProblem | undefined {
  const providerIds = new Set<string>();
  for (const [i, p] of config.providers.entries()) {
    if (providerIds.has(p.id)) return { field: `providers[${i}].id`, problem: `duplicate provider id "${p.id}"` };
    providerIds.add(p.id);
    if (!WIRE_KINDS.has(p.kind) && !findCatalogEntry(p.kind)) {
      return { field: `providers[${i}].kind`, problem: `unknown kind "${p.kind}"; use openai, anthropic, gemini or a catalog id (see: switchyard providers)` };
    }
    try {
      resolveProviderBaseUrl(findCatalogEntry(p.kind), p);
    } catch (err) {
      return { field: `providers[${i}].baseUrl`, problem: (err as Error).message };
    }
  }
  const checkTargets = (targets: TargetConfig[], field: string): ReferenceProblem | undefined => {
    for (const [j, t] of targets.entries()) {
      const providerId = targetRefOf(t).split('/')[0]!;
      if (!providerIds.has(providerId)) return { field: `${field}[${j}]`, problem: `unknown provider "${providerId}"` };
    }
    return undefined;
  };
  const routeNames = new Set<string>();
  for (const [i, r] of config.routes.entries()) {
    if (routeNames.has(r.name)) return { field: `routes[${i}].name`, problem: `duplicate route name "${r.name}"` };
    routeNames.add(r.name);
    const problem = checkTargets(r.targets, `routes[${i}].targets`);
    if (problem) return problem;
  }
  const profileNames = new Set<string>();
  for (const [i, p] of config.profiles.entries()) {
    if (profileNames.has(p.name)) return { field: `profiles[${i}].name`, problem: `duplicate profile name "${p.name}"` };
    profileNames.add(p.name);
    for (const [name, body] of Object.entries(p.routes)) {
      const problem = checkTargets(body.targets, `profiles[${i}].routes.${name}.targets`);
      if (problem) return problem;
    }
  }
  for (const [i, rule] of config.rules.entries()) {
    if (rule.route !== undefined && !routeNames.has(rule.route)) return { field: `rules[${i}].route`, problem: `unknown route "${rule.route}"` };
    if (rule.target !== undefined && !providerIds.has(rule.target.split('/')[0]!)) return { field: `rules[${i}].target`, problem: `unknown provider "${rule.target.split('/')[0]}"` };
    const { minPromptTokens, maxPromptTokens } = rule.when;
    if (minPromptTokens !== undefined && maxPromptTokens !== undefined && minPromptTokens > maxPromptTokens) {
      return { field: `rules[${i}].when.maxPromptTokens`, problem: 'must not be below minPromptTokens' };
    }
  }
  const clientNames = new Set<string>();
  for (const [i, c] of config.clients.entries()) {
    if (clientNames.has(c.name)) return { field: `clients[${i}].name`, problem: `duplicate client name "${c.name}"` };
    clientNames.add(c.name);
  }
  return undefined;
}
