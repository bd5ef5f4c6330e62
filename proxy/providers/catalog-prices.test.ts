import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCatalogModel } from './catalog';
import { CATALOG_PRICES } from './catalog-prices';

test('every priced model exists in the catalog under the same provider', () => {
  for (const key of Object.keys(CATALOG_PRICES)) {
    const slash = key.indexOf('/');
    assert.ok(findCatalogModel(key.slice(0, slash), key.slice(slash + 1)), `${key} is not a catalog model`);
  }
});

test('prices are non-negative, cache reads cost less than fresh input, cache writes more', () => {
  for (const [key, price] of Object.entries(CATALOG_PRICES)) {
    for (const value of Object.values(price)) assert.ok(Number.isFinite(value) && value >= 0, key);
    if (price.cachedInput !== undefined) assert.ok(price.cachedInput < price.input, `${key} cached read`);
    if (price.cacheWrite !== undefined) assert.ok(price.cacheWrite > price.input, `${key} cache write`);
  }
});
