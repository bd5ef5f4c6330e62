// Which models a gateway key may use: route names or `<provider>/<model>` patterns where `*`
// matches any run of characters. Compiled once per client, never per request.

export interface ModelMatcher {
  /** True when `model` matches, or when every target of the route it names does. */
  allows(model: string, targetRefs: readonly string[]): boolean;
}

export function compileModelMatcher(patterns: readonly string[]): ModelMatcher {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const pattern of patterns) {
    if (!pattern.includes('*')) exact.add(pattern);
    else globs.push(new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$'));
  }
  const matches = (name: string) => exact.has(name) || globs.some((g) => g.test(name));
  return {
    allows(model, targetRefs) {
      if (matches(model)) return true;
      return targetRefs.length > 0 && targetRefs.every(matches);
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
