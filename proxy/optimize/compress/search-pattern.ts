// The pattern a grep-like command searched for, as a RegExp, so very long matched lines can keep
// the text around each match. Built once per output from the user's own pattern.

import type { ParsedCommand } from './parse-command';

const OPTIONS_WITH_VALUE = new Set(['-A', '-B', '-C', '-m', '-f', '--max-count', '--context', '--after-context', '--before-context', '-g', '--glob', '-t', '--type', '-T', '--type-not', '--include', '--exclude', '--exclude-dir']);
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function readSearchPattern(parsed: ParsedCommand | null): RegExp | null {
  if (!parsed) return null;
  const args = parsed.program === 'git' ? parsed.args.slice(parsed.args.indexOf('grep') + 1) : parsed.args;
  let pattern: string | null = null;
  let ignoreCase = false;
  let fixed = false;
  for (let i = 0; i < args.length && pattern === null; i++) {
    const a = args[i];
    if (a === '-e' || a === '--regexp') pattern = args[i + 1] ?? null;
    else if (a === '-F' || a === '--fixed-strings') fixed = true;
    else if (a === '-i' || a === '--ignore-case') ignoreCase = true;
    else if (OPTIONS_WITH_VALUE.has(a)) i++;
    else if (a.startsWith('-')) {
      if (/^-[a-zA-Z]+$/.test(a)) {
        if (a.includes('i')) ignoreCase = true;
        if (a.includes('F')) fixed = true;
      }
    } else pattern = a;
  }
  if (!pattern) return null;
  const flags = ignoreCase ? 'gi' : 'g';
  if (!fixed) {
    try {
      // grep's basic syntax writes alternation and groups with backslashes.
      return new RegExp(pattern.replace(/\\([|(){}+?])/g, '$1'), flags);
    } catch {
      // fall through to a literal search
    }
  }
  return new RegExp(pattern.replace(REGEX_SPECIAL, '\\$&'), flags);
}
