// Conditional routing rules: the first rule whose every condition holds picks the route (or the
// single target) for the request. Patterns are compiled once when the config is loaded, never per request.

import type { RuleConfig } from '../config/schema';
import type { RequestFacts } from './request-facts';

export interface CompiledRule {
  index: number;
  clients: ReadonlySet<string> | undefined;
  model: RegExp | undefined;
  minPromptTokens: number | undefined;
  maxPromptTokens: number | undefined;
  hasTools: boolean | undefined;
  hasImages: boolean | undefined;
  header: { name: string; test: (value: string) => boolean } | undefined;
  route: string | undefined;
  target: string | undefined;
}

/** `*` any run of characters, `?` one character; everything else literal. Case-sensitive, whole string. */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

export function compileRules(rules: readonly RuleConfig[]): CompiledRule[] {
  return rules.map((rule, index) => {
    const when = rule.when;
    const header = when.header;
    let headerTest: ((value: string) => boolean) | undefined;
    if (header?.pattern !== undefined) {
      const pattern = new RegExp(header.pattern);
      headerTest = (value) => pattern.test(value);
    } else if (header?.value !== undefined) {
      const expected = header.value;
      headerTest = (value) => value === expected;
    }
    return {
      index,
      clients: when.client === undefined ? undefined : new Set(Array.isArray(when.client) ? when.client : [when.client]),
      model: when.model === undefined ? undefined : globToRegExp(when.model),
      minPromptTokens: when.minPromptTokens,
      maxPromptTokens: when.maxPromptTokens,
      hasTools: when.hasTools,
      hasImages: when.hasImages,
      header: header && headerTest ? { name: header.name.toLowerCase(), test: headerTest } : undefined,
      route: rule.route,
      target: rule.target,
    };
  });
}

export function ruleMatches(rule: CompiledRule, facts: RequestFacts): boolean {
  if (rule.clients && (facts.client === null || !rule.clients.has(facts.client))) return false;
  if (rule.model && !rule.model.test(facts.model)) return false;
  if (rule.minPromptTokens !== undefined && facts.estimatedPromptTokens < rule.minPromptTokens) return false;
  if (rule.maxPromptTokens !== undefined && facts.estimatedPromptTokens > rule.maxPromptTokens) return false;
  if (rule.hasTools !== undefined && facts.hasTools !== rule.hasTools) return false;
  if (rule.hasImages !== undefined && facts.hasImages !== rule.hasImages) return false;
  if (rule.header) {
    const raw = facts.headers[rule.header.name];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (!values.some(rule.header.test)) return false;
  }
  return true;
}

export function findMatchingRule(rules: readonly CompiledRule[], facts: RequestFacts): CompiledRule | undefined {
  for (const rule of rules) if (ruleMatches(rule, facts)) return rule;
  return undefined;
}
