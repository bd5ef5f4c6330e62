// Which route serves a request: the first matching rule's route or target, else the model the
// client asked for (a route name or a `<provider id>/<model>` address).

import { resolveModel, type ResolvedRoute, type Runtime } from '../gateway/runtime';
import { findMatchingRule } from './match-rules';
import type { RequestFacts } from './request-facts';

export function selectRoute(runtime: Runtime, facts: RequestFacts): ResolvedRoute {
  const rule = runtime.rules.length > 0 ? findMatchingRule(runtime.rules, facts) : undefined;
  if (rule?.route !== undefined) {
    const route = runtime.routes.get(rule.route);
    if (route) return route;
  }
  if (rule?.target !== undefined) return resolveModel(runtime, rule.target);
  return resolveModel(runtime, facts.model);
}
