// Finds the price of a `<provider>/<model>` target. Highest priority first:
// provider config `prices` → top-level config `prices` → the price file → the built-in group of the
// provider's kind → the first-party groups by bare model id. Results are cached per target.

import type { Config, PriceConfig } from '../config/schema';
import { FIRST_PARTY_GROUPS, PRICE_GROUPS, type PriceGroup } from './price-table';
import { PriceIndex } from './price-index';
import type { PriceFile } from './price-file';
import { CATALOG_PRICES } from '../providers/catalog-prices';
import { findCatalogEntry } from '../providers/catalog';

export interface PriceSource {
  /** `config`, `price-file` or `built-in`. */
  layer: 'config' | 'price-file' | 'built-in';
  source?: string;
  reviewed?: string;
}

export interface PriceLookup {
  price: PriceConfig;
  from: PriceSource;
}

export class PriceBook {
  private readonly cache = new Map<string, PriceLookup | null>();
  private readonly kinds: Map<string, string>;
  private readonly configIndex: PriceIndex;
  private readonly fileIndex: PriceIndex | undefined;
  private readonly groups: Map<string, { group: PriceGroup; index: PriceIndex }>;

  constructor(
    private readonly config: Pick<Config, 'providers' | 'prices'>,
    private readonly file?: PriceFile,
    builtIn: readonly PriceGroup[] = PRICE_GROUPS,
  ) {
    this.kinds = new Map(config.providers.map((p) => [p.id, p.kind]));
    this.configIndex = new PriceIndex(config.prices ?? {});
    this.fileIndex = file ? new PriceIndex(file.prices) : undefined;
    this.groups = new Map(builtIn.map((group) => [group.provider, { group, index: new PriceIndex(group.models) }]));
  }

  get priceFile(): PriceFile | undefined {
    return this.file;
  }

  /** The price of a target, or null when nobody knows it (its cost is then unknown). */
  priceOf(providerId: string, model: string): PriceConfig | null {
    return this.lookup(providerId, model)?.price ?? null;
  }

  /** The price and where it came from. */
  lookup(providerId: string, model: string): PriceLookup | null {
    const key = `${providerId}/${model}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      found = this.search(providerId, model);
      this.cache.set(key, found);
    }
    return found;
  }

  private search(providerId: string, model: string): PriceLookup | null {
    const kind = this.kinds.get(providerId) ?? providerId;
    const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
    const provider = this.config.providers.find((p) => p.id === providerId);
    const fromProvider = provider?.prices && Object.hasOwn(provider.prices, model) ? provider.prices[model] : undefined;
    if (fromProvider) return { price: fromProvider, from: { layer: 'config' } };
    const fromConfig = this.config.prices?.[`${providerId}/${model}`] ?? this.configIndex.find(model);
    if (fromConfig) return { price: fromConfig, from: { layer: 'config' } };
    if (this.fileIndex && this.file) {
      const fromFile = this.fileIndex.find(`${providerId}/${model}`) ?? this.fileIndex.find(`${kind}/${model}`) ?? this.fileIndex.find(model);
      if (fromFile) return { price: fromFile, from: { layer: 'price-file', source: this.file.source ?? this.file.path, reviewed: this.file.reviewed } };
    }
    const own = this.groups.get(kind);
    const fromOwn = own && (own.index.find(model) ?? (bare !== model ? own.index.find(bare) : undefined));
    if (own && fromOwn) return { price: fromOwn, from: { layer: 'built-in', source: own.group.source, reviewed: own.group.reviewed } };
    const fromCatalog = CATALOG_PRICES[`${kind}/${model}`];
    if (fromCatalog) return { price: fromCatalog, from: { layer: 'built-in', source: 'proxy/providers/catalog-prices.ts' } };
    // A model on the user's own machine sends no bill: zero is a fact here, not a guess.
    if (findCatalogEntry(kind)?.local) return { price: LOCAL_PRICE, from: { layer: 'built-in', source: 'local runtime (no provider bill)' } };
    for (const id of FIRST_PARTY_GROUPS) {
      const entry = this.groups.get(id);
      if (!entry || id === kind) continue;
      const price = entry.index.find(bare);
      if (price && !isWildcard(entry.group, price)) return { price, from: { layer: 'built-in', source: entry.group.source, reviewed: entry.group.reviewed } };
    }
    return null;
  }
}

const LOCAL_PRICE: PriceConfig = { input: 0, output: 0 };

function isWildcard(group: PriceGroup, price: PriceConfig): boolean {
  return group.models['*'] === price;
}
