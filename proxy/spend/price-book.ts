// Finds the price for a `<provider>/<model>` target: provider config, then top-level config
// `prices`, then the built-in table (exact id, else the longest known prefix of a dated snapshot).

import type { Config, PriceConfig } from '../config/schema';
import { BUILT_IN_PRICES } from './price-table';
import { CATALOG_PRICES } from '../providers/catalog-prices';

export class PriceBook {
  private readonly cache = new Map<string, PriceConfig | null>();
  private readonly builtInIds: string[];

  constructor(private readonly config: Pick<Config, 'providers' | 'prices'>, private readonly builtIn: Record<string, PriceConfig> = BUILT_IN_PRICES) {
    // Longest first so "gpt-4o-mini-2024-07-18" matches gpt-4o-mini before gpt-4o.
    this.builtInIds = Object.keys(builtIn).sort((a, b) => b.length - a.length);
  }

  /** The price of a target, or null when nobody knows it (cost is then unknown). */
  priceOf(providerId: string, model: string): PriceConfig | null {
    const key = `${providerId}/${model}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      found = this.lookup(providerId, model);
      this.cache.set(key, found);
    }
    return found;
  }

  private lookup(providerId: string, model: string): PriceConfig | null {
    const provider = this.config.providers.find((p) => p.id === providerId);
    const fromProvider = provider?.prices?.[model];
    if (fromProvider) return fromProvider;
    const fromConfig = this.config.prices?.[`${providerId}/${model}`] ?? this.config.prices?.[model];
    if (fromConfig) return fromConfig;
    // Catalog prices are keyed by the catalog id (the provider's kind), not the user's provider id.
    const fromCatalog = provider && CATALOG_PRICES[`${provider.kind}/${model}`];
    if (fromCatalog) return fromCatalog;
    const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
    if (this.builtIn[bare]) return this.builtIn[bare]!;
    const prefix = this.builtInIds.find((id) => bare.startsWith(id + '-') || bare.startsWith(id + '@'));
    return prefix ? this.builtIn[prefix]! : null;
  }
}
