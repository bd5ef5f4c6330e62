// Savings ledger roll-ups for the Savings page.
import type { LedgerEntry } from './api-types';

export interface MethodTotal {
  method: string;
  entries: number;
  savedUsd: number;
  verified: number;
}

/** Saved USD per method, largest first. Entries with an unknown saving count but add nothing. */
export function totalSavingsByMethod(entries: LedgerEntry[]): MethodTotal[] {
  const totals = new Map<string, MethodTotal>();
  for (const entry of entries) {
    const row = totals.get(entry.method) ?? { method: entry.method, entries: 0, savedUsd: 0, verified: 0 };
    row.entries += 1;
    row.savedUsd = Math.round((row.savedUsd + (entry.savedUsd ?? 0)) * 1e8) / 1e8;
    if (entry.verified) row.verified += 1;
    totals.set(entry.method, row);
  }
  return [...totals.values()].sort((a, b) => b.savedUsd - a.savedUsd || a.method.localeCompare(b.method));
}

/** Ledger baselines and actuals may be numbers (tokens), strings, or objects; show them compactly. */
export function describeLedgerValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => `${k}: ${typeof v === 'number' && Number.isInteger(v) ? v.toLocaleString('en-US') : String(v)}`);
    return parts.length > 0 ? parts.join(' · ') : JSON.stringify(value);
  }
  return String(value);
}

/** "inputTokens: 12,000 → 3,000" when both sides measure the same thing, else each side in full. */
export function describeLedgerChange(baseline: unknown, actual: unknown): string {
  if (isPlainObject(baseline) && isPlainObject(actual)) {
    const keys = Object.keys(baseline).filter((k) => typeof baseline[k] === 'number' && typeof actual[k] === 'number');
    if (keys.length > 0 && keys.length === Object.keys(baseline).length && keys.length === Object.keys(actual).length) {
      return keys.map((k) => `${humanizeKey(k)}: ${describeLedgerValue(baseline[k])} → ${describeLedgerValue(actual[k])}`).join(' · ');
    }
  }
  return `${describeLedgerValue(baseline)} → ${describeLedgerValue(actual)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// inputTokens → input tokens; input_tokens → input tokens.
function humanizeKey(key: string): string {
  return key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const METHOD_LABELS: Record<string, string> = {
  compression: 'Tool-output compression',
  cache: 'Response cache',
  'prompt-cache': 'Prompt caching',
  prompt_cache: 'Prompt caching',
  routing: 'Cheaper routing',
};

export function labelSavingsMethod(method: string): string {
  return METHOD_LABELS[method] ?? method.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
