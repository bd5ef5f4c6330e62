// Runtime route edits (PUT /api/routes/:name): validated like the config, kept in the store's
// settings, and laid over the config file's routes and the active profile — so they survive restarts
// and config reloads, and the config file itself is never rewritten.

import { routeBodySchema, type Config, type RouteBody } from '../config/schema';
import { checkRouteTargets, targetRefOf } from '../config/check-references';

export type RouteOverrides = Record<string, RouteBody>;
export type RouteSource = 'config' | 'profile' | 'override';

export const ROUTE_OVERRIDES_SETTING = 'route_overrides';

export type RouteBodyCheck = { ok: true; body: RouteBody } | { ok: false; field: string; problem: string };

/** Validates a route body sent to the admin API against the running config's providers. */
export function checkRouteBody(raw: unknown, config: Pick<Config, 'providers'>): RouteBodyCheck {
  const parsed = routeBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const field = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    return { ok: false, field: field || '(body)', problem: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message };
  }
  const reference = checkRouteTargets(config, parsed.data.targets, 'targets');
  if (reference) return { ok: false, ...reference };
  return { ok: true, body: parsed.data };
}

/** Reads the persisted overrides; entries that no longer validate are left out, never fatal. */
export function parseRouteOverrides(text: string | undefined): RouteOverrides {
  if (!text) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Array<[string, RouteBody]> = [];
  for (const [name, body] of Object.entries(raw)) {
    const parsed = routeBodySchema.safeParse(body);
    if (parsed.success && name !== '') out.push([name, parsed.data]);
  }
  // Own properties whatever the name: an edit of a route named "__proto__" survives the restart.
  return Object.fromEntries(out);
}

/** The overrides with one route's edit replaced (a null body removes it). */
export function withRouteOverride(overrides: RouteOverrides, name: string, body: RouteBody | null): RouteOverrides {
  const entries = Object.entries(overrides).filter(([edited]) => edited !== name);
  // Built with fromEntries, which defines own properties: a route named "__proto__" stays a route
  // instead of becoming the object's prototype.
  return Object.fromEntries(body ? [...entries, [name, body]] : entries);
}

/** What the store keeps: nothing at all once the last edit is removed. */
export function serializeRouteOverrides(overrides: RouteOverrides): string | null {
  return Object.keys(overrides).length > 0 ? JSON.stringify(overrides) : null;
}

/**
 * Lays the overrides over the effective route bodies. An override naming a provider the config no
 * longer has is skipped (and returned), so a config edit can never be broken by an old runtime edit.
 */
export function applyRouteOverrides<B extends { body: RouteBody; source: RouteSource }>(
  routeBodies: Map<string, B | { body: RouteBody; source: RouteSource }>,
  overrides: RouteOverrides,
  providers: ReadonlyMap<string, unknown>,
): string[] {
  const skipped: string[] = [];
  for (const [name, body] of Object.entries(overrides)) {
    const known = body.targets.every((t) => providers.has(targetRefOf(t).split('/')[0]!));
    if (known) routeBodies.set(name, { body, source: 'override' });
    else skipped.push(name);
  }
  return skipped;
}
