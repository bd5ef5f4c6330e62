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
