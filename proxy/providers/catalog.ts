// Built-in provider catalog: providers are data. Only wire formats that really differ get codec code.
// The entries live in catalog-data/, one file per family; this module indexes them.

import { LOCAL_PROVIDERS } from './catalog-data/local';
import { NATIVE_PROVIDERS } from './catalog-data/native';
import { OPENAI_COMPATIBLE_CLOUD } from './catalog-data/openai-compatible-cloud';
import type { CatalogEntry, CatalogModel } from './catalog-types';

export type { AuthScheme, CatalogEntry, CatalogModel, ModelCapability } from './catalog-types';

export const CATALOG: readonly CatalogEntry[] = [...NATIVE_PROVIDERS, ...OPENAI_COMPATIBLE_CLOUD, ...LOCAL_PROVIDERS];

const BY_ID = new Map(CATALOG.map((entry) => [entry.id, entry]));

export function findCatalogEntry(id: string): CatalogEntry | undefined {
  return BY_ID.get(id);
}

/** The catalog's facts about one model of one provider, if it knows the model. */
export function findCatalogModel(providerId: string, modelId: string): CatalogModel | undefined {
  return BY_ID.get(providerId)?.models?.find((model) => model.id === modelId);
}
