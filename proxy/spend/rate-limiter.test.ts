import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limiter';
import { GatewayError } from '../errors';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function refusal(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  assert.fail('expected a refusal');
}

test('rpm: the limit-th request in a minute passes, the next waits for the oldest to age out', () => {
  const c = clock();
  const limiter = new RateLimiter(c.now);
  for (let i = 0; i < 3; i++) {
    limiter.admit('ci', { rpm: 3 }, 1);
    c.advance(10_000);
  }
  const err = refusal(() => limiter.admit('ci', { rpm: 3 }, 1));
  assert.equal(err.kind, 'rate_limited');
  assert.equal(err.status, 429);
  assert.equal(err.code, 'rate_limited');
  assert.equal(err.retryAfter, 30, 'the first request (at t=0) leaves the window at t=60s; now is t=30s');
  c.advance(30_001);
  limiter.admit('ci', { rpm: 3 }, 1);
});

test('rpm is per client', () => {
  const limiter = new RateLimiter(clock().now);
  limiter.admit('a', { rpm: 1 }, 1);
  limiter.admit('b', { rpm: 1 }, 1);
  assert.equal(refusal(() => limiter.admit('a', { rpm: 1 }, 1)).kind, 'rate_limited');
});

test('tpm counts real usage once settled, and estimates until then', () => {
  const c = clock();
  const limiter = new RateLimiter(c.now);
  const first = limiter.admit('ci', { tpm: 1000 }, 100);
  limiter.settle(first, 900);
  c.advance(20_000);
  const err = refusal(() => limiter.admit('ci', { tpm: 1000 }, 200));
  assert.equal(err.retryAfter, 40);
  limiter.admit('ci', { tpm: 1000 }, 100); // 900 + 100 fits exactly
  c.advance(40_001);
  limiter.admit('ci', { tpm: 1000 }, 200);
});

test('tpm: a request bigger than the whole limit runs when the window is empty', () => {
  const limiter = new RateLimiter(clock().now);
  limiter.admit('ci', { tpm: 10 }, 500);
  assert.equal(refusal(() => limiter.admit('ci', { tpm: 10 }, 1)).kind, 'rate_limited');
});

test('a settle after the entry aged out does not disturb the window', () => {
  const c = clock();
  const limiter = new RateLimiter(c.now);
  const old = limiter.admit('ci', { tpm: 100 }, 10);
  c.advance(61_000);
  limiter.admit('ci', { tpm: 100 }, 90);
  limiter.settle(old, 1000); // the request took over a minute; its tokens belong to an expired minute
  limiter.admit('ci', { tpm: 100 }, 10);
  assert.equal(refusal(() => limiter.admit('ci', { tpm: 100 }, 1)).kind, 'rate_limited', '90 + 10 fills the minute');
});

test('release gives a slot and its tokens back, once; a settle after it changes nothing', () => {
  const c = clock();
  const limiter = new RateLimiter(c.now);
  const kept = limiter.admit('ci', { rpm: 2, tpm: 100 }, 40);
  const refused = limiter.admit('ci', { rpm: 2, tpm: 100 }, 50);
  limiter.release(refused);
  limiter.release(refused);
  limiter.settle(refused, 1000);
  const third = limiter.admit('ci', { rpm: 2, tpm: 100 }, 60); // 40 + 60 fits: the released 50 no longer counts
  assert.equal(refusal(() => limiter.admit('ci', { rpm: 2, tpm: 100 }, 1)).message, 'rate limit of 2 requests per minute reached for client "ci"');
  limiter.release(kept);
  limiter.release(third);
  limiter.admit('ci', { rpm: 2, tpm: 100 }, 100);
});

test('a release after the entry aged out does not disturb the window', () => {
  const c = clock();
  const limiter = new RateLimiter(c.now);
  const old = limiter.admit('ci', { rpm: 1, tpm: 100 }, 10);
  c.advance(61_000);
  limiter.admit('ci', { rpm: 1, tpm: 100 }, 90);
  limiter.release(old);
  assert.equal(refusal(() => limiter.admit('ci', { rpm: 1, tpm: 100 }, 1)).kind, 'rate_limited', 'the live request still holds the one slot');
});
