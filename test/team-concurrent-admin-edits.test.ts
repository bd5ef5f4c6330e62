// Team mode: two `switchyard serve` processes on one Postgres, their admin APIs edited at the same
// moment. Route edits and the optimisation switches each live in one setting; an instance used to
// write that setting whole from what it last read, so an edit another instance had just made to a
// different route (or switch) was dropped. Both edits must survive and reach both instances.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { startPostgres, type Service } from './helpers/start-services';

const ADMIN = 'admin-token-for-concurrent-edits';
const ROUTES_PER_INSTANCE = 6;

let postgres: Service;
let a: SpawnedGateway;
let b: SpawnedGateway;

const config = {
  adminToken: ADMIN,
  // Nothing is sent upstream here: the provider only has to exist for route targets to validate.
  providers: [{ id: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }],
  routes: [{ name: 'smart', targets: ['alpha/m'] }],
};

before(async () => {
  postgres = await startPostgres();
  a = await spawnGateway(config, { extraArgs: ['--database', postgres.url] });
  b = await spawnGateway(config, { extraArgs: ['--database', postgres.url] });
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await postgres?.stop();
});

async function admin(gateway: SpawnedGateway, path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The runtime edits an instance applies, as `route → first target`. */
async function edits(gateway: SpawnedGateway): Promise<Record<string, string>> {
  const { body } = await admin(gateway, '/api/routes');
  const overridden = (body.routes as Array<{ name: string; source: string; targets: Array<{ target: string }> }>).filter((r) => r.source === 'override');
  return Object.fromEntries(overridden.map((r) => [r.name, r.targets[0]!.target]).sort());
}

/** Waits until `read` gives `expected` (the instances re-read shared state each second). */
async function settlesTo<T>(read: () => Promise<T>, expected: T, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (Date.now() < deadline) {
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  assert.deepEqual(last, expected, what);
}

test('edits of different routes made on two instances at the same moment all survive, on both', async () => {
  const wanted: Record<string, string> = {};
  const puts: Array<Promise<{ status: number }>> = [];
  for (let i = 0; i < ROUTES_PER_INSTANCE; i++) {
    for (const [gateway, side] of [[a, 'a'], [b, 'b']] as const) {
      const name = `edit-${side}-${i}`;
      wanted[name] = `alpha/m-${side}${i}`;
      puts.push(admin(gateway, `/api/routes/${name}`, 'PUT', { strategy: 'fallback', targets: [wanted[name]] }));
    }
  }
  for (const put of await Promise.all(puts)) assert.equal(put.status, 200);
  const expected = Object.fromEntries(Object.entries(wanted).sort());
  await settlesTo(() => edits(a), expected, 'instance A applies every edit');
  await settlesTo(() => edits(b), expected, 'instance B applies every edit');

  for (const name of Object.keys(wanted)) assert.equal((await admin(name.startsWith('edit-a') ? b : a, `/api/routes/${name}`, 'DELETE')).status, 200);
  await settlesTo(() => edits(a), {}, 'instance A drops the removed edits');
  await settlesTo(() => edits(b), {}, 'instance B drops the removed edits');
});

test('the same route edited on both instances: the later edit wins on both', async () => {
  assert.equal((await admin(a, '/api/routes/smart', 'PUT', { strategy: 'fallback', targets: ['alpha/m-from-a'] })).status, 200);
  // B has not yet re-read the shared state; its edit still lands after A's and replaces it.
  const fromB = await admin(b, '/api/routes/smart', 'PUT', { strategy: 'fallback', targets: ['alpha/m-from-b'] });
  assert.equal(fromB.status, 200);
  assert.deepEqual(fromB.body.targets, [{ target: 'alpha/m-from-b', weight: 1 }]);
  await settlesTo(() => edits(a), { smart: 'alpha/m-from-b' }, 'A applies the later edit');
  await settlesTo(() => edits(b), { smart: 'alpha/m-from-b' }, 'B applies the later edit');
});

test('an edit made on A a moment ago can be removed through B', async () => {
  assert.equal((await admin(a, '/api/routes/fresh', 'PUT', { strategy: 'fallback', targets: ['alpha/m-fresh'] })).status, 200);
  // Straight away, before B's next read of the shared state: B must not answer "no edit" from memory.
  const removed = await admin(b, '/api/routes/fresh', 'DELETE');
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  await settlesTo(async () => (await edits(a)).fresh ?? null, null, 'A drops the edit removed through B');
  const again = await admin(b, '/api/routes/fresh', 'DELETE');
  assert.equal(again.status, 404);
  assert.equal(again.body.error.code, 'not_found');
});

test('optimisation switches flipped on two instances at the same moment both survive, on both', async () => {
  const switches = async (gateway: SpawnedGateway) => {
    const { body } = await admin(gateway, '/api/settings');
    return { compression: body.compression.enabled, cache: body.cache.enabled };
  };
  // The config leaves compression off and the cache on.
  assert.deepEqual(await switches(a), { compression: false, cache: true });
  const [onA, onB] = await Promise.all([admin(a, '/api/settings', 'PUT', { compression: { enabled: true } }), admin(b, '/api/settings', 'PUT', { cache: { enabled: false } })]);
  assert.equal(onA.status, 200);
  assert.equal(onB.status, 200);
  await settlesTo(() => switches(a), { compression: true, cache: false }, 'A has both switches');
  await settlesTo(() => switches(b), { compression: true, cache: false }, 'B has both switches');
});
