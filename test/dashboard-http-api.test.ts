// The dashboard's data client against a scripted fetch: auth header, error classes, the 401 that
// signs out versus the one that must not, and the Overview fallbacks on gateways lacking endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpApi } from '../renderer/src/api/http-api';
import { ApiError } from '../renderer/src/api/api-error';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

type Route = (call: Call) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

function scripted(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = { method: init?.method ?? 'GET', url: String(input), headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body as string | undefined };
    calls.push(call);
    const path = new URL(call.url).pathname;
    const route = routes[`${call.method} ${path}`];
    const answer = route ? await route(call) : { status: 404, body: { error: { message: 'no such admin endpoint' } } };
    // A 204 may not carry a body at all, not even an empty one.
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

test('every call carries the admin token and hits the gateway it was given', async () => {
  const { calls, fetchImpl } = scripted({ 'GET /api/profile': () => ({ status: 200, body: { active: null, profiles: ['cheap'] } }) });
  const api = createHttpApi({ baseUrl: 'http://127.0.0.1:9/', token: 'tok-123', fetchImpl });
  assert.deepEqual(await api.getProfiles(), { active: null, profiles: ['cheap'] });
  assert.equal(calls[0].url, 'http://127.0.0.1:9/api/profile');
  assert.equal(calls[0].headers.Authorization, 'Bearer tok-123');
  assert.equal(api.gatewayUrl, 'http://127.0.0.1:9');
});

test('errors are classified for the views', async () => {
  const rows: Array<{ name: string; status: number; body: unknown; method: 'GET' | 'PUT'; kind: string; message: RegExp }> = [
    { name: 'GET 404 is "not available"', status: 404, body: { error: { message: 'no such admin endpoint' } }, method: 'GET', kind: 'not_available', message: /no such admin endpoint/ },
    { name: 'PUT 404 is a rejection (e.g. no such profile)', status: 404, body: { error: { message: 'no profile named "x"' } }, method: 'PUT', kind: 'rejected', message: /no profile named/ },
    { name: '400 shows the server message', status: 400, body: { error: 'bad name' }, method: 'PUT', kind: 'rejected', message: /bad name/ },
    { name: '500 is a server error', status: 500, body: {}, method: 'GET', kind: 'server', message: /answered 500/ },
  ];
  for (const row of rows) {
    const { fetchImpl } = scripted({ [`${row.method} /api/profile`]: () => ({ status: row.status, body: row.body }) });
    const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl });
    const run = row.method === 'GET' ? () => api.getProfiles() : () => api.setProfile('x');
    await assert.rejects(run(), (e: unknown) => e instanceof ApiError && e.kind === row.kind && row.message.test(e.message), row.name);
  }
});

test('an unreachable gateway is a network error', async () => {
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
  await assert.rejects(api.listRoutes(), (e: unknown) => e instanceof ApiError && e.kind === 'network');
});

test('a rejected admin token signs out; a client endpoint refusing it does not', async () => {
  let signedOut = 0;
  const { fetchImpl } = scripted({
    'GET /api/requests': () => ({ status: 401, body: { error: { message: 'admin token required' } } }),
    'GET /v1/models': () => ({ status: 401, body: { error: { message: 'missing client key' } } }),
    'GET /api/routes': () => ({ status: 200, body: { routes: [{ name: 'smart', strategy: 'fallback', targets: [] }] } }),
    'GET /api/providers': () => ({ status: 200, body: { providers: [{ id: 'alpha', kind: 'openai', name: 'A', baseUrl: '', keyRef: null, hasKey: true, models: ['m1'] }] } }),
  });
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl, onUnauthorized: () => signedOut++ });
  assert.deepEqual(await api.listModels(), ['alpha/m1', 'smart']);
  assert.equal(signedOut, 0);
  await assert.rejects(api.listRequests({ limit: 1 }), (e: unknown) => e instanceof ApiError && e.kind === 'unauthorized');
  assert.equal(signedOut, 1);
});

test('request records are normalised and filters reach the query string', async () => {
  const { calls, fetchImpl } = scripted({
    'GET /api/requests': () => ({
      status: 200,
      body: { requests: [{ id: 'r1', client: 'ci', model: 'smart', target: 'alpha/m', status: 502, inputTokens: null, outputTokens: null, cachedTokens: null, costUsd: null, latencyMs: 5, overheadMs: 1, startedAt: 0, attempts: [] }] },
    }),
  });
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl });
  const [record] = await api.listRequests({ limit: 50, status: 'error', client: 'ci' });
  assert.equal(new URL(calls[0].url).search, '?limit=50&client=ci&status=error');
  assert.equal(record.status, 'error');
  assert.equal(record.httpStatus, 502);
  assert.equal(record.startedAt, '1970-01-01T00:00:00.000Z');
});

test('without /api/summary the summary is added up from /api/spend', async () => {
  const { calls, fetchImpl } = scripted({
    'GET /api/spend': () => ({ status: 200, body: { rows: [{ key: 'smart', requests: 2, costUsd: 0.5, unknownCost: 1 }] } }),
  });
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl });
  const summary = await api.getSummary();
  assert.equal(summary.derived, true);
  assert.equal(summary.today.costUsd, 0.5);
  assert.equal(summary.today.unknownCostRequests, 1);
  assert.equal(summary.burn.usdPerHour, 0.5);
  const spendCalls = calls.filter((c) => c.url.includes('/api/spend'));
  assert.equal(spendCalls.length, 3);
  assert.ok(spendCalls.every((c) => new URL(c.url).searchParams.get('by') === 'model' && new URL(c.url).searchParams.has('from')));
});

test('server time series: epoch-millisecond bucket starts become ISO strings', async () => {
  const t = Date.UTC(2026, 10, 24, 10);
  const { fetchImpl } = scripted({ 'GET /api/timeseries': () => ({ status: 200, body: { points: [{ t, key: 'smart', requests: 1, errors: 0, costUsd: 0.1, p50Ms: 5, p95Ms: 9 }] } }) });
  const result = await createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl }).getTimeseries({ bucket: 'hour', by: 'model' });
  assert.equal(result.source, 'server');
  assert.equal(result.points[0].t, '2026-11-24T10:00:00.000Z');
});

test('a server summary is used as it is', async () => {
  const served = { today: { costUsd: 1, requests: 3, unknownCostRequests: 0 }, month: { costUsd: 9 }, burn: { usdPerHour: 0.1, projectedTodayUsd: 2, projectedMonthUsd: 30 }, budgets: [], breakers: [], paused: false };
  const { fetchImpl } = scripted({ 'GET /api/summary': () => ({ status: 200, body: served }) });
  assert.deepEqual(await createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl }).getSummary(), served);
});

test('without /api/timeseries the points are rebuilt from the request log', async () => {
  const now = Date.now();
  const { calls, fetchImpl } = scripted({
    'GET /api/requests': () => ({
      status: 200,
      body: { requests: [{ id: 'r1', client: 'ci', model: 'smart', target: 'alpha/m', status: 200, inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: 0.25, latencyMs: 80, overheadMs: 1, startedAt: now - 1000, attempts: [] }] },
    }),
  });
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl });
  const result = await api.getTimeseries({ bucket: 'hour', by: 'model', from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString() });
  assert.equal(result.source, 'requests');
  assert.equal(result.partial, false);
  assert.equal(result.points.length, 1);
  assert.deepEqual([result.points[0].key, result.points[0].costUsd, result.points[0].p50Ms], ['smart', 0.25, 80]);
  assert.ok(calls.some((c) => c.url.endsWith('/api/requests?limit=1000')));
});

test('in the desktop app a profile switch goes through the bridge, not HTTP', async () => {
  const switched: Array<string | null> = [];
  const { calls, fetchImpl } = scripted({});
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl, setTrayProfile: async (name) => void switched.push(name) });
  await api.setProfile('cheap');
  await api.setProfile(null);
  assert.deepEqual(switched, ['cheap', null]);
  assert.equal(calls.length, 0);
});

test('writes send JSON bodies to the documented paths', async () => {
  const { calls, fetchImpl } = scripted({
    'PUT /api/routes/a%20b': (c) => ({ status: 200, body: { name: 'a b', ...JSON.parse(c.body ?? '{}') } }),
    'PUT /api/providers/alpha/key': () => ({ status: 204 }),
    'POST /api/clients': () => ({ status: 201, body: { name: 'laptop', key: 'sy-new' } }),
  });
  const api = createHttpApi({ baseUrl: 'http://gw', token: 't', fetchImpl });
  const saved = await api.saveRoute('a b', { strategy: 'fallback', targets: [{ target: 'x/y' }] });
  assert.deepEqual(saved.targets, [{ target: 'x/y' }]);
  await api.setProviderKey('alpha', 'sk-secret');
  assert.deepEqual(JSON.parse(calls[1].body ?? ''), { apiKey: 'sk-secret' });
  assert.equal(calls[1].headers['Content-Type'], 'application/json');
  assert.deepEqual(await api.createClient({ name: 'laptop', budget: { usd: 2, period: 'day' } }), { name: 'laptop', key: 'sy-new' });
});
