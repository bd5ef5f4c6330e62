// Query strings for the admin API: empty filters are left out so URLs stay short and cacheable.
import type { RequestFilters } from './api-types';

export function buildQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function buildRequestsQuery(filters: RequestFilters): string {
  return buildQuery({
    limit: filters.limit,
    offset: filters.offset && filters.offset > 0 ? filters.offset : undefined,
    client: filters.client?.trim(),
    model: filters.model?.trim(),
    target: filters.target?.trim(),
    status: filters.status,
  });
}
