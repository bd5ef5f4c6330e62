// Joins what the catalog knows, what the config lists and what the provider itself reported.

import type { CatalogModel } from '../catalog-types';

export interface KnownModel extends CatalogModel {
  /** Where the model came from; a model the catalog knows keeps its facts even when discovered too. */
  source: 'catalog' | 'config' | 'discovered';
}

export function mergeModels(catalog: CatalogModel[] | undefined, configured: string[] | undefined, discovered: string[] | undefined): KnownModel[] {
  const out = new Map<string, KnownModel>();
  for (const model of catalog ?? []) out.set(model.id, { ...model, source: 'catalog' });
  for (const id of configured ?? []) if (!out.has(id)) out.set(id, { id, source: 'config' });
  for (const id of discovered ?? []) if (!out.has(id)) out.set(id, { id, source: 'discovered' });
  return [...out.values()];
}

/** Entries for OpenAI's `GET /v1/models` list, addressed as `<provider id>/<model>`. */
export function toOpenAiModelList(providerId: string, models: KnownModel[]): Array<{ id: string; object: 'model'; created: number; owned_by: string }> {
  return models.map((model) => ({ id: `${providerId}/${model.id}`, object: 'model', created: 0, owned_by: providerId }));
}
