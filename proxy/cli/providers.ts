// `switchyard providers [--json]`: prints the built-in provider catalog as a table, or as JSON for scripts.

import { CATALOG } from '../providers/catalog';
import type { CatalogEntry } from '../providers/catalog-types';
import type { CliIo } from './cli-io';

export interface ProviderListing {
  id: string;
  name: string;
  format: string;
  baseUrl: string;
  auth: string;
  modelCount: number;
  models: Array<{ id: string; contextWindow?: number; capabilities?: string[] }>;
  listsModels: boolean;
  local: boolean;
  docs?: string;
  notes?: string;
}

const USAGE = 'usage: switchyard providers [--json]\n';

export async function runProvidersCommand(args: string[], io: CliIo): Promise<number> {
  let json = false;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.stdout.write(USAGE);
      return 0;
    } else {
      io.stderr.write(`switchyard providers: unknown argument "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  const listings = CATALOG.map(toListing);
  io.stdout.write(json ? `${JSON.stringify(listings, null, 2)}\n` : formatTable(listings));
  return 0;
}

export function toListing(entry: CatalogEntry): ProviderListing {
  const models = (entry.models ?? []).map((m) => ({ id: m.id, ...(m.contextWindow ? { contextWindow: m.contextWindow } : {}), ...(m.capabilities ? { capabilities: [...m.capabilities] } : {}) }));
  return {
    id: entry.id,
    name: entry.name,
    format: entry.wire,
    baseUrl: entry.baseUrl,
    auth: entry.auth,
    modelCount: models.length,
    models,
    listsModels: entry.listsModels === true,
    local: entry.local === true,
    ...(entry.docs ? { docs: entry.docs } : {}),
    ...(entry.notes ? { notes: entry.notes } : {}),
  };
}

function formatTable(listings: ProviderListing[]): string {
  const header = ['ID', 'NAME', 'FORMAT', 'AUTH', 'MODELS', 'BASE URL'];
  const rows = listings.map((l) => [l.id, l.name, l.format, l.auth, l.listsModels ? `${l.modelCount}+` : String(l.modelCount), l.baseUrl]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const footer = `\n${listings.length} providers. "+" marks providers whose own model list is discovered at run time. Use any id as providers[].kind.\n`;
  return [line(header), ...rows.map(line)].join('\n') + '\n' + footer;
}
