import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountPool, PROBE_PENDING_RETRY_MS, type Account } from './account-pool';
import { DEFAULT_BREAKER } from './circuit-breaker';

const keys: Account[] = [1, 2, 3].map((n) => ({ id: `p#${n}`, providerId: 'p', secret: `key-${n}` }));
const settings = { ...DEFAULT_BREAKER, failures: 1, cooldownMs: 1000 };
/** An attempt's lease while the breaker is closed. */
const lease = (account: Account) => ({ account, permit: 0 });

function picked(pool: AccountPool, now: number, exclude: string[] = []) {
  const pick = pool.pick('p', keys, now, new Set(exclude));
  return pick.kind === 'account' ? pick.account.id : pick;
}

test('AccountPool: keys are taken in turn', () => {
  const pool = new AccountPool(settings);
  assert.deepEqual([0, 0, 0, 0].map((t) => picked(pool, t)), ['p#1', 'p#2', 'p#3', 'p#1']);
});

test('AccountPool: a 429 cools that key only', () => {
  const pool = new AccountPool(settings);
  pool.coolDown(lease(keys[0]!), 5000);
  assert.deepEqual([0, 0, 0].map((t) => picked(pool, t)), ['p#2', 'p#3', 'p#2']);
  assert.equal(pool.view(keys[0]!, 0).rateLimitedUntil, 5000);
  assert.equal(pool.view(keys[0]!, 0).state, 'closed', 'a 429 does not charge the breaker');
  assert.equal(picked(pool, 5000), 'p#3');
  assert.equal(picked(pool, 5000), 'p#1', 'back in turn once cooled');
});

test('AccountPool: when every key is cooling, it says how long to wait', () => {
  const pool = new AccountPool(settings);
  pool.coolDown(lease(keys[0]!), 3000);
  pool.coolDown(lease(keys[1]!), 1200);
  pool.coolDown(lease(keys[2]!), 2000);
  assert.deepEqual(pool.pick('p', keys, 1000, new Set()), { kind: 'wait', waitMs: 200 });
});

test('AccountPool: an open breaker skips its key; all open → circuit_open with the time to the first probe', () => {
  const pool = new AccountPool(settings);
  pool.recordFailure(lease(keys[0]!), 0);
  assert.equal(picked(pool, 10), 'p#2');
  pool.recordFailure(lease(keys[1]!), 100);
  pool.recordFailure(lease(keys[2]!), 200);
  assert.deepEqual(pool.pick('p', keys, 300, new Set()), { kind: 'none', reason: 'circuit_open', retryInMs: 700 });
  assert.equal(picked(pool, 1000), 'p#1', 'half-open probe after the cooldown');
  assert.deepEqual(pool.pick('p', keys, 1000, new Set()), { kind: 'none', reason: 'circuit_open', retryInMs: 100 }, 'one probe at a time');
});

test('AccountPool: the only key half-open with its probe out → circuit_open asking back in a second, not without a wait', () => {
  const pool = new AccountPool(settings);
  pool.recordFailure(lease(keys[0]!), 0);
  assert.equal(picked(pool, 1000, ['p#2', 'p#3']), 'p#1', 'the probe');
  assert.deepEqual(pool.pick('p', keys, 1500, new Set(['p#2', 'p#3'])), { kind: 'none', reason: 'circuit_open', retryInMs: PROBE_PENDING_RETRY_MS });
});

test('AccountPool: excluded keys are never picked', () => {
  const pool = new AccountPool(settings);
  assert.equal(picked(pool, 0, ['p#1', 'p#2']), 'p#3');
  assert.deepEqual(pool.pick('p', keys, 0, new Set(['p#1', 'p#2', 'p#3'])), { kind: 'none', reason: 'exhausted', retryInMs: null });
});

test('AccountPool: a key replaced under the same account starts closed and cool; the old key\'s late outcomes are ignored', () => {
  const pool = new AccountPool(settings);
  const old = keys[0]!;
  const inFlight = pool.pick('p', [old], 0, new Set());
  pool.recordFailure(lease(old), 0);
  pool.coolDown(lease(old), 9000);
  assert.equal(pool.view(old, 10).state, 'open');
  const renewed: Account = { ...old, secret: 'key-1-new' };
  assert.equal(pool.view(renewed, 10).state, 'closed', 'the new key has no failures');
  assert.equal(pool.view(renewed, 10).rateLimitedUntil, null, 'nor the old key\'s cooldown');
  assert.deepEqual(pool.pick('p', [renewed], 10, new Set()), { kind: 'account', account: renewed, permit: 0 });
  assert.equal(inFlight.kind, 'account');
  pool.recordFailure(lease(old), 20);
  assert.equal(pool.view(renewed, 30).state, 'closed', 'an attempt made with the old key says nothing about the new one');
});

test('AccountPool: a refused key is out for its provider at once, in every later pick, until a probe after the cooldown is answered', () => {
  const pool = new AccountPool({ ...settings, failures: 5 });
  pool.refuse(lease(keys[0]!), 0);
  assert.equal(pool.view(keys[0]!, 0).state, 'open', 'one refusal is enough, whatever breaker.failures says');
  assert.equal(pool.view(keys[0]!, 0).keyRefusedAt, 0);
  assert.deepEqual([10, 20, 30].map((t) => picked(pool, t)), ['p#2', 'p#3', 'p#2'], 'no exclusion needed: the pool itself skips it');
  const probe = pool.pick('p', keys, 1000, new Set(['p#2', 'p#3']));
  assert.equal(probe.kind === 'account' && probe.account.id, 'p#1', 'the probe after the breaker cooldown');
  pool.recordSuccess(probe as { account: Account; permit: number }, 1010);
  assert.deepEqual(pool.view(keys[0]!, 1010), { ...pool.view(keys[0]!, 1010), state: 'closed', keyRefusedAt: null }, 'answered: no longer refused');
});

test('AccountPool: every key refused → key_refused with no time to wait; an open breaker or a resting key still says when', () => {
  const pool = new AccountPool(settings);
  for (const key of keys) pool.refuse(lease(key), 0);
  assert.deepEqual(pool.pick('p', keys, 10, new Set()), { kind: 'none', reason: 'key_refused', retryInMs: null });
  const other = new AccountPool(settings);
  other.refuse(lease(keys[0]!), 0);
  other.recordFailure(lease(keys[1]!), 0);
  other.coolDown(lease(keys[2]!), 300);
  assert.deepEqual(other.pick('p', keys, 100, new Set()), { kind: 'wait', waitMs: 200 });
  assert.deepEqual(other.pick('p', keys, 100, new Set(['p#3'])), { kind: 'none', reason: 'circuit_open', retryInMs: 900 });
});

test('AccountPool: a refused key whose value changes (config edit, key set from the dashboard, keychain) is usable at once', () => {
  const pool = new AccountPool(settings);
  pool.refuse(lease(keys[0]!), 0);
  const renewed: Account = { ...keys[0]!, secret: 'key-1-new' };
  assert.deepEqual(pool.view(renewed, 10), { ...pool.view(renewed, 10), state: 'closed', keyRefusedAt: null });
  assert.deepEqual(pool.pick('p', [renewed], 10, new Set()), { kind: 'account', account: renewed, permit: 0 });
  pool.refuse(lease(keys[0]!), 20);
  assert.equal(pool.view(renewed, 30).keyRefusedAt, null, 'a late refusal of the old key says nothing about the new one');
});
