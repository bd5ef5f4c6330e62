// A set of prices looked up by model id: the exact id first, else the longest id that is a prefix
// of it followed by "-" or "@" (dated snapshots and aliases: "claude-sonnet-4-20250514").

import type { PriceConfig } from '../config/schema';
import { ANY_MODEL } from './price-table';

export class PriceIndex {
  /** Longest first, so "gpt-4o-mini-2024-07-18" meets gpt-4o-mini before gpt-4o. */
  private readonly ids: string[];

  constructor(private readonly prices: Record<string, PriceConfig>) {
    this.ids = Object.keys(prices).filter((id) => id !== ANY_MODEL).sort((a, b) => b.length - a.length);
  }

  find(model: string): PriceConfig | undefined {
    // Own entries only: a client may ask for "alpha/constructor", which no price table lists.
    const exact = Object.hasOwn(this.prices, model) ? this.prices[model] : undefined;
    if (exact) return exact;
    for (const id of this.ids) {
      if (model.length > id.length && model.startsWith(id)) {
        const next = model.charCodeAt(id.length);
        if (next === 45 /* - */ || next === 64 /* @ */) return this.prices[id];
      }
    }
    return this.prices[ANY_MODEL];
  }
}
