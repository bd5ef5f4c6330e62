// A price file updates prices without an upgrade: `<data-dir>/prices.json` when present, or the
// file config `priceFile` names. Read once at start (and on config reload); a bad file stops the
// start with a message naming the file and the field, like a bad config.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { priceSchema, type PriceConfig } from '../config/schema';
import { ConfigError } from '../config/load-config';

export interface PriceFile {
  path: string;
  source?: string;
  reviewed?: string;
  /** Keys: `<provider id or kind>/<model>` or a bare model id; snapshots match by prefix. */
  prices: Record<string, PriceConfig>;
}

const priceFileSchema = z
  .object({
    source: z.string().optional(),
    reviewed: z.string().optional(),
    prices: z.record(z.string().min(1), priceSchema),
  })
  .strict();

export const DEFAULT_PRICE_FILE = 'prices.json';

export interface PriceFileLocation {
  dataDir?: string;
  /** Directory of the config file: relative `priceFile` paths start there. */
  configDir?: string;
  priceFile?: string;
}

/** The configured price file, else `<data-dir>/prices.json` if it exists, else undefined. */
export function locatePriceFile(where: PriceFileLocation): string | undefined {
  if (where.priceFile) return isAbsolute(where.priceFile) ? where.priceFile : resolve(where.configDir ?? process.cwd(), where.priceFile);
  if (!where.dataDir) return undefined;
  const implicit = join(where.dataDir, DEFAULT_PRICE_FILE);
  return existsSync(implicit) ? implicit : undefined;
}

export function readPriceFile(path: string): PriceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, '', `cannot read price file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(path, '', `not valid JSON: ${(err as Error).message}`);
  }
  const parsed = priceFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((p) => String(p)).join('.');
    throw new ConfigError(path, field, issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys[0]}` : issue.message);
  }
  return { path, ...parsed.data };
}

export function loadPriceFile(where: PriceFileLocation): PriceFile | undefined {
  const path = locatePriceFile(where);
  return path ? readPriceFile(path) : undefined;
}

