// Asks a provider which models it serves (GET {baseUrl}/models and the provider's own variants),
// with a timeout and a cache, so /v1/models and the dashboard can show more than the catalog knows.

import type { CatalogEntry } from '../catalog-types';
import { authorizeRequest } from '../auth/authorize';

export type DiscoveryFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface DiscoveryOptions {
  timeoutMs?: number;
  /** How long a successful listing is reused. */
  ttlMs?: number;
  /** How long a failed listing is remembered, so a down provider is not asked on every call. */
  failureTtlMs?: number;
  cache?: Map<string, CachedListing>;
  now?: () => number;
}

export interface CachedListing {
  models: string[];
  expiresAt: number;
  error?: string;
}

const DEFAULT_CACHE = new Map<string, CachedListing>();
const MAX_PAGES = 20;

/** Model ids the provider lists, sorted and deduplicated; [] when it lists none or cannot be reached (see lastError). */
export async function discoverModels(
  entry: CatalogEntry,
  baseUrl: string,
  secret: string | undefined,
  fetchImpl: DiscoveryFetch = globalThis.fetch as unknown as DiscoveryFetch,
  options: DiscoveryOptions = {},
): Promise<string[]> {
  const cache = options.cache ?? DEFAULT_CACHE;
  const now = options.now ?? Date.now;
  const key = `${entry.id}\n${baseUrl}\n${secret === undefined ? '' : fingerprint(secret)}`;
  const hit = cache.get(key);
  if (hit && now() < hit.expiresAt) return hit.models;
  try {
    const models = await listModels(entry, baseUrl, secret, fetchImpl, options.timeoutMs ?? 5_000);
    cache.set(key, { models, expiresAt: now() + (options.ttlMs ?? 10 * 60_000) });
    return models;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    cache.set(key, { models: hit?.models ?? [], expiresAt: now() + (options.failureTtlMs ?? 60_000), error: message });
    return hit?.models ?? [];
  }
}

/** Why the last listing of this provider failed, if it did (for the dashboard). */
export function lastDiscoveryError(entry: CatalogEntry, baseUrl: string, secret: string | undefined, cache: Map<string, CachedListing> = DEFAULT_CACHE): string | undefined {
  return cache.get(`${entry.id}\n${baseUrl}\n${secret === undefined ? '' : fingerprint(secret)}`)?.error;
}

async function listModels(entry: CatalogEntry, baseUrl: string, secret: string | undefined, fetchImpl: DiscoveryFetch, timeoutMs: number): Promise<string[]> {
  // One deadline for the whole listing, pages and fallback included.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`model listing timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await listWithin(entry, baseUrl, secret, fetchImpl, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function listWithin(entry: CatalogEntry, baseUrl: string, secret: string | undefined, fetchImpl: DiscoveryFetch, signal: AbortSignal): Promise<string[]> {
  const get = async (url: string): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (entry.wire === 'anthropic') headers['anthropic-version'] = '2023-06-01';
    const authorized = await authorizeRequest(entry.auth, secret, { method: 'GET', url, headers, body: '' });
    const res = await fetchImpl(authorized.url, { method: 'GET', headers: authorized.headers, signal });
    if (res.status !== 200) throw new Error(`GET ${redactUrl(url)} answered ${res.status}`);
    return res.json();
  };

  const ids = new Set<string>();
  const first = `${baseUrl}${entry.modelsPath ?? '/models'}`;
  try {
    let url: string | undefined = first;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const body = await get(url);
      for (const id of readModelIds(body)) ids.add(id);
      url = nextPageUrl(first, body);
    }
  } catch (err) {
    if (!entry.nativeModelsPath) throw err;
    const native = await get(`${new URL(baseUrl).origin}${entry.nativeModelsPath}`);
    for (const id of readModelIds(native)) ids.add(id);
  }
  return [...ids].sort();
}

/** Reads ids from the listing shapes in use: OpenAI/Anthropic `data[].id`, Gemini `models[].name`, Ollama/Cohere `models[].name|model`. */
export function readModelIds(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as { data?: unknown; models?: unknown };
  const out: string[] = [];
  if (Array.isArray(b.data)) {
    for (const item of b.data) if (item && typeof item.id === 'string') out.push(item.id);
  }
  if (Array.isArray(b.models)) {
    for (const item of b.models) {
      const name = item && (typeof item.name === 'string' ? item.name : typeof item.model === 'string' ? item.model : undefined);
      // Gemini names models "models/gemini-2.5-pro"; requests use the bare id.
      if (name) out.push(name.startsWith('models/') ? name.slice('models/'.length) : name);
    }
  }
  return out;
}

/** Anthropic pages with has_more/last_id; Gemini and Cohere with nextPageToken / next_page_token. */
function nextPageUrl(first: string, body: unknown): string | undefined {
  const b = body as { has_more?: unknown; last_id?: unknown; nextPageToken?: unknown; next_page_token?: unknown };
  const url = new URL(first);
  if (b.has_more === true && typeof b.last_id === 'string') {
    url.searchParams.set('after_id', b.last_id);
    return url.toString();
  }
  if (typeof b.nextPageToken === 'string' && b.nextPageToken) {
    url.searchParams.set('pageToken', b.nextPageToken);
    return url.toString();
  }
  if (typeof b.next_page_token === 'string' && b.next_page_token) {
    url.searchParams.set('page_token', b.next_page_token);
    return url.toString();
  }
  return undefined;
}

function redactUrl(url: string): string {
  const u = new URL(url);
  u.search = '';
  return u.toString();
}

/** Cache keys must tell keys apart without holding them. */
function fingerprint(secret: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < secret.length; i++) h = Math.imul(h ^ secret.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}
