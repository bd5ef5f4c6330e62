// Editing a route's targets: pure list operations plus the checks the server would make anyway,
// so the form can say what's wrong before saving.
import type { Route, RouteTarget, Strategy } from './api-types';

export const STRATEGIES: Array<{ id: Strategy; label: string; hint: string }> = [
  { id: 'fallback', label: 'Fallback', hint: 'Try targets in order; move on when one fails.' },
  { id: 'weighted', label: 'Weighted', hint: 'Split traffic by weight.' },
  { id: 'cheapest', label: 'Cheapest', hint: 'Prefer the lowest price for each request.' },
  { id: 'fastest', label: 'Fastest', hint: 'Prefer the lowest recent latency.' },
];

export function moveTarget(targets: RouteTarget[], from: number, to: number): RouteTarget[] {
  if (from < 0 || from >= targets.length || to < 0 || to >= targets.length || from === to) return targets;
  const next = targets.slice();
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

export function removeTarget(targets: RouteTarget[], index: number): RouteTarget[] {
  return targets.filter((_, i) => i !== index);
}

export function addTarget(targets: RouteTarget[], target: string, strategy: string): RouteTarget[] {
  const name = target.trim();
  if (!name) return targets;
  return [...targets, strategy === 'weighted' ? { target: name, weight: 1 } : { target: name }];
}

/** The body for PUT /api/routes/:name: weights only where the strategy uses them. */
export function toRouteBody(route: Pick<Route, 'strategy' | 'targets'>): { strategy: string; targets: RouteTarget[] } {
  const weighted = route.strategy === 'weighted';
  return {
    strategy: route.strategy,
    targets: route.targets.map((t) => (weighted ? { target: t.target.trim(), weight: t.weight ?? 1 } : { target: t.target.trim() })),
  };
}

/** Problems that make a route unsavable, in the words the form shows. */
export function validateRoute(route: Pick<Route, 'strategy' | 'targets'>): string[] {
  const problems: string[] = [];
  if (!STRATEGIES.some((s) => s.id === route.strategy)) problems.push(`Unknown strategy "${route.strategy}".`);
  if (route.targets.length === 0) problems.push('A route needs at least one target.');
  const seen = new Set<string>();
  for (const t of route.targets) {
    const name = t.target.trim();
    if (!/^[^/\s]+\/\S+$/.test(name)) problems.push(`"${name || '(empty)'}" is not a <provider>/<model> target.`);
    if (seen.has(name)) problems.push(`"${name}" is listed twice.`);
    seen.add(name);
    if (route.strategy === 'weighted' && !(typeof t.weight === 'number' && Number.isFinite(t.weight) && t.weight >= 0)) {
      problems.push(`"${name}" needs a weight of 0 or more.`);
    }
  }
  if (route.strategy === 'weighted' && route.targets.length > 0 && route.targets.every((t) => (t.weight ?? 0) === 0)) {
    problems.push('At least one weight must be above 0.');
  }
  return problems;
}

/** Share of traffic each target gets under the weighted strategy (0..1), for the preview bar. */
export function weightShares(targets: RouteTarget[]): number[] {
  const total = targets.reduce((sum, t) => sum + Math.max(0, t.weight ?? 0), 0);
  return targets.map((t) => (total > 0 ? Math.max(0, t.weight ?? 0) / total : 0));
}

export function sameRoute(a: Pick<Route, 'strategy' | 'targets'>, b: Pick<Route, 'strategy' | 'targets'>): boolean {
  return JSON.stringify(toRouteBody(a)) === JSON.stringify(toRouteBody(b));
}
