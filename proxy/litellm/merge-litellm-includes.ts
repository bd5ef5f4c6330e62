// LiteLLM's `include:` directive (https://docs.litellm.ai/docs/proxy/config_management): a parent
// config names other YAML files, typically holding model_list. Pure: the CLI reads the files.

export interface IncludedDocument {
  /** The name as written under `include:`, for messages. */
  name: string;
  doc: unknown;
}

/** The names under `include:` (one string or a list), or [] when there is none. */
export function litellmIncludeNames(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const include = (doc as Record<string, unknown>).include;
  if (typeof include === 'string') return [include];
  return Array.isArray(include) ? include.filter((name): name is string => typeof name === 'string') : [];
}

/** Lists (model_list above all) are appended in include order; other keys are added where the parent has none. */
export function mergeLitellmIncludes(doc: unknown, included: IncludedDocument[]): { doc: Record<string, unknown>; unmapped: string[] } {
  const { include: _include, ...merged } = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const unmapped: string[] = [];
  for (const { name, doc: child } of included) {
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      unmapped.push(`include ${name}: not a YAML mapping; skipped`);
      continue;
    }
    for (const [key, value] of Object.entries(child as Record<string, unknown>)) {
      const current = merged[key];
      if (current === undefined) merged[key] = value;
      else if (Array.isArray(current) && Array.isArray(value)) merged[key] = [...current, ...value];
      else unmapped.push(`include ${name}: ${key} is already set by the including file; the included value is ignored`);
    }
  }
  return { doc: merged, unmapped };
}
