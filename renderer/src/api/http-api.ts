// DashboardApi over the admin HTTP API (Authorization: Bearer <adminToken>).
import type {
  ConnectionTest,
  CreatedClient,
  GatewayClient,
  Ledger,
  Profiles,
  Provider,
  Route,
  Settings,
  SpendRow,
  Suggestion,
  Summary,
  TimeseriesPoint,
} from '../lib/api-types';
import { aggregateRequests, deriveSummary, normalizeRequest, spendWindowStarts, type RawRequestRecord } from '../lib/derive-overview';
import { buildQuery, buildRequestsQuery } from '../lib/request-query';
import { ApiError, isApiError } from './api-error';
import type { DashboardApi } from './dashboard-api';

export interface HttpApiOptions {
  /** Gateway origin; '' means same origin (the headless dashboard). */
  baseUrl: string;
  token: string;
  /** Called once when the gateway rejects the token, so the app can ask for a new one. */
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
  /** In the desktop app, profile switches go through main so the tray follows at once. */
  setTrayProfile?: (name: string | null) => Promise<unknown>;
}

export function createHttpApi(options: HttpApiOptions): DashboardApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown, quiet401 = false): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('network', 'The gateway is not answering. Is Switchyard running?');
    }
    if (response.status === 401 || response.status === 403) {
      if (!quiet401) options.onUnauthorized?.();
      throw new ApiError('unauthorized', 'The admin token was not accepted.', response.status);
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) {
      const message = readErrorMessage(parsed) ?? `The gateway answered ${response.status}.`;
      if (response.status === 404 && method === 'GET') throw new ApiError('not_available', message, 404);
      throw new ApiError(response.status >= 500 ? 'server' : 'rejected', message, response.status);
    }
    return parsed as T;
  }

  const enc = encodeURIComponent;
  const listRequests: DashboardApi['listRequests'] = async (filters) =>
    ((await call<{ requests: RawRequestRecord[] }>('GET', `/api/requests${buildRequestsQuery(filters)}`)).requests ?? []).map(normalizeRequest);
  const getSpend: DashboardApi['getSpend'] = async (by, range) =>
    (await call<{ rows: SpendRow[] }>('GET', `/api/spend${buildQuery({ by, from: range?.from, to: range?.to })}`)).rows ?? [];

  return {
    gatewayUrl: base || (typeof location === 'undefined' ? '' : location.origin),
    listRequests,
    getSummary: async () => {
      try {
        return await call<Summary>('GET', '/api/summary');
      } catch (error) {
        if (!isApiError(error, 'not_available')) throw error;
        const now = new Date();
        const starts = spendWindowStarts(now);
        const [today, month, lastHour] = await Promise.all([
          getSpend('model', { from: starts.today.toISOString() }),
          getSpend('model', { from: starts.month.toISOString() }),
          getSpend('model', { from: starts.lastHour.toISOString() }),
        ]);
        return deriveSummary({ today, month, lastHour }, now);
      }
    },
    getTimeseries: async (q) => {
      try {
        const body = await call<{ points: Array<Omit<TimeseriesPoint, 't'> & { t: string | number }> }>('GET', `/api/timeseries${buildQuery({ bucket: q.bucket, from: q.from, to: q.to, by: q.by })}`);
        // Bucket starts may come as epoch milliseconds; the charts key buckets by ISO string.
        const points = (body.points ?? []).map((p) => ({ ...p, t: typeof p.t === 'number' ? new Date(p.t).toISOString() : p.t }));
        return { points, source: 'server', partial: false };
      } catch (error) {
        if (!isApiError(error, 'not_available')) throw error;
        const limit = REBUILD_LIMIT;
        const records = await listRequests({ limit });
        const to = q.to ? new Date(q.to) : new Date();
        const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
        const { points, partial } = aggregateRequests(records, { bucket: q.bucket, by: q.by, from, to, limit });
        return { points, source: 'requests', partial };
      }
    },
    getSpend,
    listRoutes: async () => (await call<{ routes: Route[] }>('GET', '/api/routes')).routes ?? [],
    saveRoute: async (name, route) => {
      const saved = await call<Route | { route: Route }>('PUT', `/api/routes/${enc(name)}`, route);
      return 'route' in saved ? saved.route : saved;
    },
    revertRoute: async (name) => {
      await call('DELETE', `/api/routes/${enc(name)}`);
    },
    getProfiles: () => call<Profiles>('GET', '/api/profile'),
    setProfile: async (name) => {
      if (options.setTrayProfile) await options.setTrayProfile(name);
      else await call('PUT', '/api/profile', { name });
    },
    listProviders: async () => (await call<{ providers: Provider[] }>('GET', '/api/providers')).providers ?? [],
    setProviderKey: async (id, apiKey) => {
      await call('PUT', `/api/providers/${enc(id)}/key`, { apiKey });
    },
    deleteProviderKey: async (id) => {
      await call('DELETE', `/api/providers/${enc(id)}/key`);
    },
    testProvider: (id) => call<ConnectionTest>('POST', `/api/providers/${enc(id)}/test`),
    listClients: async () => (await call<{ clients: GatewayClient[] }>('GET', '/api/clients')).clients ?? [],
    createClient: (client) => call<CreatedClient>('POST', '/api/clients', client),
    deleteClient: async (name) => {
      await call('DELETE', `/api/clients/${enc(name)}`);
    },
    getLedger: () => call<Ledger>('GET', '/api/ledger'),
    listSuggestions: async () => (await call<{ suggestions: Suggestion[] }>('GET', '/api/advisor')).suggestions ?? [],
    getSettings: () => call<Settings>('GET', '/api/settings'),
    updateSettings: (patch) => call<Settings>('PUT', '/api/settings', patch),
    listModels: async () => {
      try {
        // /v1/models is a client endpoint: with client keys configured it may refuse the admin token,
        // which says nothing about the admin session, so that 401 must not sign the dashboard out.
        const list = await call<{ data?: Array<{ id: string }> }>('GET', '/v1/models', undefined, true);
        return (list.data ?? []).map((m) => m.id).sort();
      } catch (error) {
        if (!isApiError(error, 'unauthorized') && !isApiError(error, 'not_available')) throw error;
        const [providers, routes] = await Promise.all([
          call<{ providers: Provider[] }>('GET', '/api/providers').then((b) => b.providers ?? [], () => [] as Provider[]),
          call<{ routes: Route[] }>('GET', '/api/routes').then((b) => b.routes ?? [], () => [] as Route[]),
        ]);
        return [...routes.map((r) => r.name), ...providers.flatMap((p) => p.models.map((m) => `${p.id}/${m}`))].sort();
      }
    },
  };
}

// How many recent requests the timeseries fallback reads: enough for a busy day, one quick query.
const REBUILD_LIMIT = 1000;

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('server', 'The gateway sent an answer that is not JSON.');
  }
}

// Admin errors may come as {error:"..."} or in the OpenAI shape {error:{message}}.
function readErrorMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const error = (body as { error?: unknown; message?: unknown }).error ?? (body as { message?: unknown }).message;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return null;
}
