import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminApiError, createAdminClient } from './admin-client';

interface Seen { url: string; method: string; headers: Record<string, string>; body?: string }

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const impl = (async (url: string | URL, init?: RequestInit) => {
    const record = { url: String(url), method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, body: init?.body as string | undefined };
    seen.push(record);
    return answer(record);
  }) as typeof fetch;
  return { fetch: impl, seen };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const SUMMARY = {
  today: { costUsd: 1.5, requests: 3 },
  burn: { usdPerHour: 0.2, projectedTodayUsd: 2, projectedMonthUsd: 40 },
  budgets: [{ scope: 'client', name: 'ci', limitUsd: 5, spentUsd: 1, period: 'day' }],
  breakers: [{ account: 'alpha', state: 'half_open' }],
  paused: false,
};

test('admin client sends the token and reads each endpoint', async () => {
  const { fetch, seen } = fakeFetch((s) => {
    if (s.url.endsWith('/api/summary')) return json(SUMMARY);
    if (s.url.endsWith('/api/profile')) return json({ active: 'cheap', profiles: ['cheap'] });
    if (s.url.includes('/api/events')) return json({ events: [{ id: 12, kind: 'budget_exceeded', scope: 'client', name: 'ci', percent: 100, message: 'ci spent its budget', at: 1700000000000 }] });
    if (s.url.endsWith('/api/breakers')) return json({ breakers: [{ account: 'alpha', provider: 'alpha', state: 'open', failures: 5 }, { account: 'beta', state: 'melted' }] });
    return new Response(null, { status: 204 });
  });
  const client = createAdminClient({ baseUrl: 'http://127.0.0.1:7420/', token: 'tok', fetch });
  assert.deepEqual(await client.getSummary(), SUMMARY);
  assert.deepEqual(await client.setProfile(null), { active: 'cheap', profiles: ['cheap'] });
  await client.setPaused(true);
  assert.deepEqual(await client.getEvents('11'), [{ id: '12', kind: 'budget_exceeded', message: 'ci spent its budget', at: '2023-11-14T22:13:20.000Z' }]);
  assert.deepEqual(await client.getBreakers(), [{ account: 'alpha', provider: 'alpha', state: 'open' }, { account: 'beta', state: 'closed' }], 'unknown states read as closed');
  assert.deepEqual(seen.map((s) => `${s.method} ${s.url} ${s.body ?? ''}`), [
    'GET http://127.0.0.1:7420/api/summary ',
    'PUT http://127.0.0.1:7420/api/profile {"name":null}',
    'GET http://127.0.0.1:7420/api/profile ',
    'PUT http://127.0.0.1:7420/api/paused {"paused":true}',
    'GET http://127.0.0.1:7420/api/events?since=11 ',
    'GET http://127.0.0.1:7420/api/breakers ',
  ]);
  assert.ok(seen.every((s) => s.headers.authorization === 'Bearer tok'));
});

test('admin client failures are AdminApiErrors with a short reason', async () => {
  const rows = [
    { name: 'unreachable', answer: () => Promise.reject(new TypeError('fetch failed')), expected: /gateway unreachable \(GET \/api\/summary\): fetch failed/ },
    { name: '401 with OpenAI error body', answer: () => json({ error: { message: 'bad admin token' } }, 401), expected: /answered 401: bad admin token/ },
    { name: '404 plain text', answer: () => new Response('Not Found', { status: 404 }), expected: /answered 404: Not Found/ },
    { name: 'not JSON', answer: () => new Response('<html>', { status: 200 }), expected: /invalid JSON/ },
    { name: 'wrong shape', answer: () => json({ ...SUMMARY, today: { costUsd: 'lots', requests: 1 } }), expected: /unexpected shape: today.costUsd/ },
    { name: 'breaker without account', answer: () => json({ ...SUMMARY, breakers: [{ state: 'open' }] }), expected: /unexpected shape: breakers.0.account/ },
  ];
  for (const row of rows) {
    const client = createAdminClient({ baseUrl: 'http://127.0.0.1:1', token: 't', fetch: fakeFetch(row.answer).fetch });
    await assert.rejects(client.getSummary(), (err: unknown) => err instanceof AdminApiError && row.expected.test(err.message), row.name);
  }
});
