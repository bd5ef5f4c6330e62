import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../config/schema';
import { GatewayError } from '../errors';
import { buildRuntime, type Runtime, type Target } from '../gateway/runtime';
import type { Account } from './account-pool';
import { runRoute, type AttemptCalls, type ClientPresence, type RouteTrace } from './run-route';
import { RoutingState, type RoutingClock } from './routing-state';
import type { AttemptCancel } from '../upstream/attempt-cancel';

/** A clock that moves only when told to (or when routing sleeps), firing due timers as it goes. */
class FakeClock implements RoutingClock {
  t = 1_000_000;
  waits: number[] = [];
  private timers: Array<{ due: number; fn: () => void; live: boolean }> = [];
  now = () => this.t;
  sleep = async (ms: number) => {
    this.waits.push(ms);
    this.advance(ms);
  };
  after = (ms: number, fn: () => void) => {
    const timer = { due: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return () => void (timer.live = false);
  };
  advanceToNextTimer(): void {
    const due = Math.min(...this.timers.filter((t) => t.live).map((t) => t.due));
    this.advance(due - this.t);
  }
  advance(ms: number): void {
    this.t += ms;
    for (const timer of this.timers) {
      if (timer.live && timer.due <= this.t) {
        timer.live = false;
        timer.fn();
      }
    }
  }
}

/** What a fake upstream does on one attempt. */
type Step = 'ok' | 429 | 500 | 503 | 400 | 401 | 403 | 'hang' | 'stall-body' | 'slow-body' | 'client-leaves' | 'reset' | 'die-mid-stream' | 'bug-mid-stream' | 'bug-before-head' | 'unsupported' | `${429 | 503}:${number}`;

function upstreamError(status: number, retryAfter?: number): GatewayError {
  const kind = status === 429 ? 'rate_limited' : status >= 500 || status === 401 || status === 403 ? 'upstream_error' : 'invalid_request';
  const error = new GatewayError(kind, `HTTP ${status}`, { status, retryAfter });
  error.upstreamStatus = status;
  return error;
}

function setup(config: unknown, scripts: Record<string, Step[]>) {
  const runtime: Runtime = buildRuntime(configSchema.parse(config), null);
  const clock = new FakeClock();
  const state = new RoutingState(runtime.routing, { clock, random: () => 0.5 });
  const sent: string[] = [];
  const sentKeys: Array<string | undefined> = [];

  const run = async (model: string, stream = true) => {
    const route = runtime.routes.get(model)!;
    const started = clock.now();
    const trace: RouteTrace = { attempts: [], target: null, upstreamMs: 0, ttfbMs: null, elapsedMs: () => clock.now() - started };
    let committed = false;
    const client: ClientPresence = { gone: false };
    let attemptCancel: AttemptCancel | undefined;
    const calls: AttemptCalls<Step> = {
      async send(target: Target, account: Account, cancel: AttemptCancel) {
        const step = scripts[target.ref]!.shift() ?? 'ok';
        sent.push(account.id);
        sentKeys.push(account.secret);
        attemptCancel = cancel;
        clock.advance(10);
        if (step === 'hang') {
          return new Promise<Step>((_resolve, reject) => {
            cancel.once('abort', () => reject(new GatewayError('upstream_timeout', 'aborted')));
            clock.advanceToNextTimer();
          });
        }
        if (step === 'client-leaves') {
          // The client hangs up while the upstream is still silent.
          return new Promise<Step>((_resolve, reject) => {
            cancel.once('abort', () => reject(new GatewayError('upstream_timeout', 'aborted')));
            client.gone = true;
            client.onLeave?.();
          });
        }
        if (step === 'unsupported') throw new GatewayError('unsupported', 'no codec');
        // undici refused a request we built (classifyHeadFailure): no upstream was asked.
        if (step === 'bug-before-head') throw new GatewayError('internal', 'internal gateway error: the HTTP client refused the upstream request we built');
        if (typeof step === 'number') throw upstreamError(step);
        if (step.includes(':')) throw upstreamError(Number(step.slice(0, 3)), Number(step.slice(4)));
        return step;
      },
      async deliver(step: Step) {
        if (step === 'reset') throw new GatewayError('upstream_unreachable', 'socket closed');
        if (step === 'stall-body') {
          // The head came, the body never does: only a cancel ends the read.
          return new Promise<number>((_resolve, reject) => {
            let aborted = false;
            attemptCancel!.once('abort', () => {
              aborted = true;
              reject(new GatewayError('upstream_unreachable', 'aborted'));
            });
            for (let turn = 0; turn < 10 && !aborted; turn++) clock.advanceToNextTimer();
          });
        }
        // A body that takes longer than the first-byte timeout, but not than the deadline.
        if (step === 'slow-body') {
          clock.advance(1_500);
          if (attemptCancel!.aborted) throw new GatewayError('upstream_unreachable', 'aborted mid-body');
        }
        committed = true;
        trace.ttfbMs = trace.elapsedMs();
        clock.advance(5);
        if (step === 'die-mid-stream') throw new GatewayError('upstream_error', 'stream died', { status: 502 });
        if (step === 'bug-mid-stream') throw new GatewayError('internal', 'internal gateway error while streaming');
        return 200;
      },
      committed: () => committed,
      statusOf: () => 200,
    };
    try {
      const status = await runRoute({ state, runtime, route, facts: { estimatedPromptTokens: 10, maxOutputTokens: undefined }, stream, trace, client }, calls);
      return { status, trace, error: undefined as GatewayError | undefined };
    } catch (err) {
      return { status: (err as GatewayError).status, trace, error: err as GatewayError };
    }
  };
  return { run, clock, state, runtime, sent, sentKeys };
}

const provider = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: `key-${id}`, timeoutMs: 1000, ...extra });
const twoTargets = (extra: Record<string, unknown> = {}, routing: Record<string, unknown> = {}) => ({
  providers: [provider('a'), provider('b'), provider('c')],
  routes: [{ name: 'r', targets: ['a/m', 'b/m', 'c/m'], ...extra }],
  routing,
});

interface Row {
  name: string;
  config: unknown;
  scripts: Record<string, Step[]>;
  expected: { status: number; target: string | null; attempts: Array<[string, string | null]>; accounts?: string[]; waits?: number[]; code?: string };
  /** A JSON answer instead of a stream. */
  json?: true;
}

const rows: Row[] = [
  {
    name: 'a client that leaves mid-attempt cancels it, and nothing fails over for it',
    config: twoTargets(),
    scripts: { 'a/m': ['client-leaves'], 'b/m': ['ok'] },
    expected: { status: 499, target: null, attempts: [['a/m', 'upstream_timeout']], accounts: ['a#1'], code: 'client_closed' },
  },
  {
    name: '500 fails over to the next target',
    config: twoTargets(),
    scripts: { 'a/m': [500], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'upstream_error'], ['b/m', null]], waits: [] },
  },
  {
    name: 'retries with backoff on one target before failing over',
    config: twoTargets({ retry: { attempts: 3, backoffMs: 100, maxBackoffMs: 1000 } }),
    scripts: { 'a/m': [503, 503, 'ok'] },
    // equal jitter with random 0.5: 75% of 100, then of 200
    expected: { status: 200, target: 'a/m', attempts: [['a/m', 'upstream_error'], ['a/m', 'upstream_error'], ['a/m', null]], waits: [75, 150] },
  },
  {
    name: '503 with Retry-After under the cap: the retry waits as asked',
    config: twoTargets({ retry: { attempts: 2, backoffMs: 100 } }, { retryAfterCapMs: 5000 }),
    scripts: { 'a/m': ['503:2', 'ok'] },
    expected: { status: 200, target: 'a/m', attempts: [['a/m', 'upstream_error'], ['a/m', null]], waits: [2000] },
  },
  {
    name: '503 with Retry-After over the cap: no retry on that target',
    config: twoTargets({ retry: { attempts: 2, backoffMs: 100 } }, { retryAfterCapMs: 5000 }),
    scripts: { 'a/m': ['503:60'], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'upstream_error'], ['b/m', null]], waits: [] },
  },
  {
    name: '429 with Retry-After under the cap: waits it out, same key',
    config: twoTargets({}, { retryAfterCapMs: 5000 }),
    scripts: { 'a/m': ['429:2', 'ok'] },
    expected: { status: 200, target: 'a/m', attempts: [['a/m', 'rate_limited'], ['a/m', null]], accounts: ['a#1', 'a#1'], waits: [2000] },
  },
  {
    name: '429 with Retry-After over the cap: fails over at once',
    config: twoTargets({}, { retryAfterCapMs: 5000 }),
    scripts: { 'a/m': ['429:30'], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'rate_limited'], ['b/m', null]], waits: [] },
  },
  {
    name: '429 on one key: the next key of the same provider answers, no wait',
    config: { providers: [provider('a', { apiKeys: ['key-a2'] }), provider('b')], routes: [{ name: 'r', targets: ['a/m', 'b/m'] }] },
    scripts: { 'a/m': ['429:10', 'ok'] },
    expected: { status: 200, target: 'a/m', attempts: [['a/m', 'rate_limited'], ['a/m', null]], accounts: ['a#1', 'a#2'], waits: [] },
  },
  {
    name: 'a refused key (401) moves to the next key',
    config: { providers: [provider('a', { apiKeys: ['key-a2'] })], routes: [{ name: 'r', targets: ['a/m'] }] },
    scripts: { 'a/m': [401, 'ok'] },
    expected: { status: 200, target: 'a/m', attempts: [['a/m', 'upstream_error'], ['a/m', null]], accounts: ['a#1', 'a#2'] },
  },
  {
    name: 'a 400 is the request\'s fault: no retry, no failover',
    config: twoTargets({ retry: { attempts: 3 } }),
    scripts: { 'a/m': [400] },
    expected: { status: 400, target: null, attempts: [['a/m', 'invalid_request']] },
  },
  {
    name: 'a hang is cut at the provider timeout, then failover',
    config: twoTargets(),
    scripts: { 'a/m': ['hang'], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'upstream_timeout'], ['b/m', null]] },
  },
  {
    name: 'a stream reset before its first byte fails over',
    config: twoTargets(),
    scripts: { 'a/m': ['reset'], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'upstream_unreachable'], ['b/m', null]] },
  },
  {
    name: 'a stream that dies after its first byte is not retried',
    config: twoTargets({ retry: { attempts: 3 } }),
    scripts: { 'a/m': ['die-mid-stream'] },
    expected: { status: 502, target: 'a/m', attempts: [['a/m', 'upstream_error']] },
  },
  {
    name: 'a target that cannot take the request is skipped without retry',
    config: twoTargets({ retry: { attempts: 3 } }),
    scripts: { 'a/m': ['unsupported'], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'unsupported'], ['b/m', null]] },
  },
  {
    name: 'the attempt cap stops the loop',
    config: twoTargets({ retry: { attempts: 3, backoffMs: 0 } }, { maxAttempts: 2 }),
    scripts: { 'a/m': [500, 500, 500], 'b/m': [500] },
    expected: { status: 500, target: null, attempts: [['a/m', 'upstream_error'], ['a/m', 'upstream_error']] },
  },
  {
    name: 'a backoff that would outlast the deadline fails over instead',
    config: twoTargets({ retry: { attempts: 3, backoffMs: 5000, maxBackoffMs: 5000 } }, { deadlineMs: 3000 }),
    scripts: { 'a/m': [500], 'b/m': ['ok'] },
    expected: { status: 200, target: 'b/m', attempts: [['a/m', 'upstream_error'], ['b/m', null]], waits: [] },
  },
  {
    name: 'the deadline shortens the last attempt and ends the request',
    config: twoTargets({}, { deadlineMs: 1500 }),
    scripts: { 'a/m': ['hang'], 'b/m': ['hang'], 'c/m': ['ok'] },
    expected: { status: 504, target: null, attempts: [['a/m', 'upstream_timeout'], ['b/m', 'upstream_timeout']], code: 'deadline_exceeded' },
  },
  {
    name: 'a JSON answer whose body stalls after its head is cut at the deadline',
    config: twoTargets({}, { deadlineMs: 3000 }),
    json: true,
    scripts: { 'a/m': ['stall-body'], 'b/m': ['ok'] },
    expected: { status: 504, target: null, attempts: [['a/m', 'upstream_timeout']], code: 'deadline_exceeded' },
  },
  {
    name: 'a JSON body slower than the first-byte timeout but within the deadline is not cut',
    config: twoTargets({}, { deadlineMs: 3000 }),
    json: true,
    scripts: { 'a/m': ['slow-body'] },
    expected: { status: 200, target: 'a/m', attempts: [['a/m', null]] },
  },
];

for (const row of rows) {
  test(`runRoute: ${row.name}`, async () => {
    const h = setup(row.config, row.scripts);
    const { status, trace, error } = await h.run('r', !row.json);
    assert.equal(status, row.expected.status, error?.message);
    assert.equal(trace.target, row.expected.target);
    assert.deepEqual(trace.attempts.map((a) => [a.target, a.error]), row.expected.attempts);
    if (row.expected.accounts) assert.deepEqual(h.sent, row.expected.accounts);
    if (row.expected.waits) assert.deepEqual(h.clock.waits, row.expected.waits);
    if (row.expected.code) assert.equal(error?.code, row.expected.code);
  });
}

test('runRoute: a stream broken by our own bug after its first byte charges no breaker; one the upstream broke does', async () => {
  for (const [step, failures] of [['bug-mid-stream', 0], ['die-mid-stream', 1]] as const) {
    const h = setup(twoTargets({ retry: { attempts: 3 } }), { 'a/m': [step] });
    const { error, trace } = await h.run('r');
    assert.equal(error?.kind, step === 'bug-mid-stream' ? 'internal' : 'upstream_error');
    assert.deepEqual(trace.attempts.map((a) => a.target), ['a/m'], 'not retried once bytes went out');
    const account = h.runtime.providers.get('a')!.accounts[0]!;
    assert.equal(h.state.accounts.view(account, h.clock.now()).failures, failures, step);
  }
});

test('runRoute: a request our own code built wrongly fails before the head as internal, charging no breaker; a reset charges one', async () => {
  for (const [step, failures] of [['bug-before-head', 0], ['reset', 1]] as const) {
    const h = setup(twoTargets({ retry: { attempts: 1 } }), { 'a/m': [step], 'b/m': ['ok'] });
    const { error, trace } = await h.run('r');
    const account = h.runtime.providers.get('a')!.accounts[0]!;
    assert.equal(h.state.accounts.view(account, h.clock.now()).failures, failures, step);
    if (step === 'bug-before-head') {
      assert.equal(error?.kind, 'internal');
      assert.deepEqual(trace.attempts.map((a) => [a.target, a.error]), [['a/m', 'internal']], 'a bug of ours is not retried elsewhere');
    } else assert.equal(error, undefined, 'a reset fails over');
  }
});

test('runRoute: attempt latencies show a hang cut at the timeout and the deadline cutting the next', async () => {
  const h = setup(twoTargets({}, { deadlineMs: 1500 }), { 'a/m': ['hang'], 'b/m': ['hang'] });
  const { trace } = await h.run('r');
  assert.deepEqual(trace.attempts.map((a) => a.latencyMs), [1000, 500]);
});

test('runRoute: the breaker opens, the open account is skipped, a probe after the cooldown closes it', async () => {
  const config = { ...twoTargets({}, { breaker: { failures: 2, cooldownMs: 10_000 } }) };
  const h = setup(config, { 'a/m': [500, 500, 'ok'], 'b/m': [] });
  const breakerOf = () => h.state.breakers(h.runtime).find((b) => b.account === 'a#1')!;

  assert.equal((await h.run('r')).trace.target, 'b/m');
  assert.equal(breakerOf().state, 'closed');
  await h.run('r');
  assert.equal(breakerOf().state, 'open');
  const skipped = await h.run('r');
  assert.deepEqual(skipped.trace.attempts.map((a) => a.target), ['b/m'], 'a is not even tried while open');

  h.clock.advance(10_000);
  assert.equal(breakerOf().state, 'half_open');
  const probe = await h.run('r');
  assert.equal(probe.trace.target, 'a/m');
  assert.equal(breakerOf().state, 'closed');
});

test('runRoute: every target open → 503 circuit_open with a Retry-After', async () => {
  const config = { providers: [provider('a')], routes: [{ name: 'r', targets: ['a/m'] }], routing: { breaker: { failures: 1, cooldownMs: 30_000 } } };
  const h = setup(config, { 'a/m': [500] });
  assert.equal((await h.run('r')).status, 500);
  const refused = await h.run('r');
  assert.equal(refused.status, 503);
  assert.equal(refused.error?.code, 'circuit_open');
  assert.equal(refused.error?.retryAfter, 30);
  assert.equal(refused.trace.attempts.length, 0);
});

test('runRoute: one target cooling for a minute, the other open for 30 s → the client is told the earlier, 30 s', async () => {
  const config = { providers: [provider('a'), provider('b')], routes: [{ name: 'r', targets: ['a/m', 'b/m'] }], routing: { breaker: { failures: 1, cooldownMs: 30_000 } } };
  const h = setup(config, { 'a/m': ['429:60'], 'b/m': [500] });
  assert.equal((await h.run('r')).status, 500);
  const refused = await h.run('r');
  assert.equal(refused.trace.attempts.length, 0, 'neither is asked');
  assert.equal(refused.error?.code, 'circuit_open');
  assert.equal(refused.error?.retryAfter, 30);
});

test('runRoute: a 429 that says nothing of when to come back: the client is told how long the key rests', async () => {
  const config = { providers: [provider('a')], routes: [{ name: 'r', targets: ['a/m'] }], routing: { rateLimitCooldownMs: 1500, retryAfterCapMs: 1000 } };
  const h = setup(config, { 'a/m': [429] });
  const refused = await h.run('r');
  assert.equal(refused.status, 429);
  assert.equal(refused.error?.kind, 'rate_limited');
  assert.equal(refused.error?.upstreamStatus, 429);
  assert.equal(refused.error?.retryAfter, 1.5);
});

test('runRoute: a 429 cools only that key, later requests use the other key', async () => {
  const config = { providers: [provider('a', { apiKeys: ['key-a2'] })], routes: [{ name: 'r', targets: ['a/m'] }] };
  const h = setup(config, { 'a/m': ['429:60', 'ok', 'ok', 'ok'] });
  await h.run('r');
  await h.run('r');
  await h.run('r');
  assert.deepEqual(h.sent, ['a#1', 'a#2', 'a#2', 'a#2']);
  const a1 = h.state.breakers(h.runtime).find((b) => b.account === 'a#1')!;
  assert.equal(a1.state, 'closed');
  assert.ok(a1.rateLimitedUntil! > h.clock.now());
});

test('runRoute: a key refused on one target is not tried on the next target of the same provider, nor in the next request', async () => {
  const config = { providers: [provider('a', { apiKeys: ['key-a2'] })], routes: [{ name: 'r', targets: ['a/big', 'a/small'] }] };
  // a#1 refused on a/big, a#2 fails there with a 500: the failover to a/small must use a#2 again.
  const h = setup(config, { 'a/big': [401, 500, 'ok'], 'a/small': ['ok'] });
  const first = await h.run('r');
  assert.equal(first.status, 200, first.error?.message);
  assert.deepEqual(first.trace.attempts.map((a) => [a.target, a.error]), [['a/big', 'upstream_error'], ['a/big', 'upstream_error'], ['a/small', null]]);
  assert.deepEqual(h.sent, ['a#1', 'a#2', 'a#2']);
  const next = await h.run('r');
  assert.equal(next.status, 200);
  assert.deepEqual(h.sent.slice(3), ['a#2'], 'the next request does not ask the refused key either');
});

test('runRoute: every key of the provider refused earlier → 502 upstream_key_refused without an upstream call, and no Retry-After', async () => {
  const config = { providers: [provider('a')], routes: [{ name: 'r', targets: ['a/m', 'a/m2'] }] };
  const h = setup(config, { 'a/m': [401], 'a/m2': ['ok'] });
  await h.run('r');
  assert.deepEqual(h.sent, ['a#1'], 'the only key refused: a/m2 is not asked with it');
  const later = await h.run('r');
  assert.equal(later.status, 502);
  assert.equal(later.error?.code, 'upstream_key_refused');
  assert.equal(later.error?.retryAfter, undefined);
  assert.equal(later.trace.attempts.length, 0);
});

test('runRoute: the only key refused, the key store now holds another: the same request goes on with it', async () => {
  const config = { providers: [provider('a')], routes: [{ name: 'r', targets: ['a/m'] }] };
  const h = setup(config, { 'a/m': [401, 'ok'] });
  const rotated = buildRuntime(configSchema.parse({ ...config, providers: [provider('a', { apiKey: 'key-a-rotated' })] }), null);
  const asked: string[] = [];
  h.state.recheckKeys = async (id) => (asked.push(id), rotated.providers.get(id));
  const first = await h.run('r');
  assert.equal(first.status, 200, first.error?.message);
  assert.deepEqual(h.sentKeys, ['key-a', 'key-a-rotated']);
  assert.deepEqual(first.trace.attempts.map((a) => a.error), ['upstream_error', null]);
  assert.deepEqual(asked, ['a']);
});

test('runRoute: a refused key the key store still holds → 502 upstream_key_refused, the store asked once per request', async () => {
  const config = { providers: [provider('a')], routes: [{ name: 'r', targets: ['a/m', 'a/m2'] }] };
  const h = setup(config, { 'a/m': [401], 'a/m2': ['ok'] });
  const asked: string[] = [];
  h.state.recheckKeys = async (id) => (asked.push(id), h.runtime.providers.get(id));
  const first = await h.run('r');
  assert.equal(first.error?.upstreamStatus, 401, 'the refusal reaches the client');
  assert.deepEqual(asked, ['a'], 'a/m2 of the same provider does not ask again');
  const later = await h.run('r');
  assert.equal(later.error?.code, 'upstream_key_refused');
  assert.deepEqual(h.sentKeys, ['key-a'], 'the refused key is not sent again');
  assert.deepEqual(asked, ['a', 'a']);
});

test('runRoute: a 403 denies the key one model only: the failover to another model of the provider asks it again', async () => {
  const config = { providers: [provider('a')], routes: [{ name: 'r', targets: ['a/m', 'a/m2'] }] };
  const h = setup(config, { 'a/m': [403], 'a/m2': ['ok', 'ok'] });
  const first = await h.run('r');
  assert.equal(first.status, 200, first.error?.message);
  assert.deepEqual(first.trace.attempts.map((a) => a.target), ['a/m', 'a/m2']);
  assert.equal((await h.run('r')).status, 200, 'the next request is answered by the same key');
  assert.deepEqual(h.sent, ['a#1', 'a#1', 'a#1']);
});

const coolingPair = (strategy: string, routing: Record<string, unknown> = {}) => ({
  providers: [provider('a'), provider('b')],
  routes: [{ name: 'r', strategy, targets: [{ target: 'a/m', weight: 1_000 }, { target: 'b/m', weight: 1 }] }],
  // Known prices and latencies put a/m first for cheapest and fastest too.
  routing: { retryAfterCapMs: 5_000, exploration: 0, ...routing },
});

const coolingRows: Array<{ name: string; strategy: string; scripts: Record<string, Step[]>; target: string; attempts: string[]; waits: number[] }> = [
  { name: 'fallback waits a short rest out for the preferred target', strategy: 'fallback', scripts: { 'a/m': ['429:2', 'ok'], 'b/m': ['ok'] }, target: 'a/m', attempts: ['a/m', 'a/m'], waits: [2000] },
  { name: 'weighted takes a target that can answer now', strategy: 'weighted', scripts: { 'a/m': ['429:2', 'ok'], 'b/m': ['ok'] }, target: 'b/m', attempts: ['a/m', 'b/m'], waits: [] },
  { name: 'weighted waits only when no target can answer, for the one free soonest', strategy: 'weighted', scripts: { 'a/m': ['429:2'], 'b/m': ['429:1', 'ok'] }, target: 'b/m', attempts: ['a/m', 'b/m', 'b/m'], waits: [1000] },
  { name: 'weighted: a target 429 twice is out, the other waited for', strategy: 'weighted', scripts: { 'a/m': ['429:1', '429:1'], 'b/m': ['429:2', 'ok'] }, target: 'b/m', attempts: ['a/m', 'b/m', 'a/m', 'b/m'], waits: [990, 1000] },
];

for (const row of coolingRows) {
  test(`runRoute, a target whose only key rests after a 429: ${row.name}`, async () => {
    const h = setup(coolingPair(row.strategy), row.scripts);
    const { status, trace, error } = await h.run('r');
    assert.equal(status, 200, error?.message);
    assert.equal(trace.target, row.target);
    assert.deepEqual(trace.attempts.map((a) => a.target), row.attempts);
    assert.deepEqual(h.clock.waits, row.waits);
  });
}

test('runRoute: fastest skips its fastest target while that one rests, and cheapest waits for its cheapest', async () => {
  for (const [strategy, target, waits] of [['fastest', 'b/m', []], ['cheapest', 'a/m', [2000]]] as const) {
    const config = coolingPair(strategy);
    config.providers = [provider('a', { prices: { m: { input: 1, output: 1 } } }), provider('b', { prices: { m: { input: 9, output: 9 } } })];
    const h = setup(config, { 'a/m': ['429:2', 'ok'], 'b/m': ['ok'] });
    h.state.latency.record('a/m', { latencyMs: 100, ttfbMs: 50 }, h.clock.now());
    h.state.latency.record('b/m', { latencyMs: 900, ttfbMs: 800 }, h.clock.now());
    const { trace } = await h.run('r');
    assert.equal(trace.target, target, strategy);
    assert.deepEqual(h.clock.waits, waits, strategy);
  }
});
