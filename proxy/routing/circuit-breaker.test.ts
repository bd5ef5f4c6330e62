import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker, type BreakerSettings, type BreakerTransition } from './circuit-breaker';

const settings: BreakerSettings = { failures: 3, failureRate: 0.5, minRequests: 6, windowMs: 10_000, cooldownMs: 1_000 };

/** `ok`, `fail`, `answering` and `release` report on the last attempt acquired; `stale-*` on one sent while the breaker was closed. */
type Step = ['ok' | 'fail' | 'answering' | 'release' | 'stale-ok' | 'stale-fail' | 'stale-release', number] | ['acquire', number, boolean];

const rows: Array<{ name: string; steps: Step[]; state: string; transitions: string[] }> = [
  { name: 'stays closed below the consecutive limit', steps: [['fail', 0], ['fail', 1]], state: 'closed', transitions: [] },
  { name: 'opens after consecutive failures', steps: [['fail', 0], ['fail', 1], ['fail', 2]], state: 'open', transitions: ['closed→open@2'] },
  { name: 'a success resets the consecutive count', steps: [['fail', 0], ['fail', 1], ['ok', 2], ['fail', 3], ['fail', 4]], state: 'closed', transitions: [] },
  {
    name: 'opens on failure rate once enough outcomes are in the window',
    steps: [['fail', 0], ['ok', 1], ['fail', 2], ['ok', 3], ['fail', 4], ['ok', 5]].map(([k, at]) => [k, at] as Step).concat([['fail', 6] as Step]),
    state: 'open',
    transitions: ['closed→open@6'],
  },
  {
    name: 'old outcomes leave the window and stop counting toward the rate',
    steps: [['fail', 0], ['ok', 1], ['fail', 2], ['ok', 20_000], ['ok', 20_001], ['fail', 20_002], ['ok', 20_003]],
    state: 'closed',
    transitions: [],
  },
  { name: 'open rejects until the cooldown has passed', steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 999, false]], state: 'open', transitions: ['closed→open@0'] },
  {
    name: 'after the cooldown one probe goes through (half-open), a second waits',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['acquire', 1001, false]],
    state: 'half_open',
    transitions: ['closed→open@0', 'open→half_open@1000'],
  },
  {
    name: 'a successful probe closes it',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['ok', 1100], ['acquire', 1101, true]],
    state: 'closed',
    transitions: ['closed→open@0', 'open→half_open@1000', 'half_open→closed@1100'],
  },
  {
    name: 'a failed probe opens it for another cooldown',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['fail', 1100], ['acquire', 2099, false], ['acquire', 2100, true]],
    state: 'half_open',
    transitions: ['closed→open@0', 'open→half_open@1000', 'half_open→open@1100', 'open→half_open@2100'],
  },
  {
    name: 'a probe whose answer has started closes it at once, before the answer ends',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['answering', 1100], ['acquire', 1101, true], ['acquire', 1102, true], ['ok', 60_000]],
    state: 'closed',
    transitions: ['closed→open@0', 'open→half_open@1000', 'half_open→closed@1100'],
  },
  {
    name: 'a probe that started answering and then failed counts as one failure of a closed breaker',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['answering', 1100], ['fail', 5_000], ['acquire', 5_001, true]],
    state: 'closed',
    transitions: ['closed→open@0', 'open→half_open@1000', 'half_open→closed@1100'],
  },
  {
    name: 'an answer starting while closed changes nothing',
    steps: [['fail', 0], ['answering', 1], ['fail', 2], ['fail', 3]],
    state: 'open',
    transitions: ['closed→open@3'],
  },
  {
    name: 'half-open: an attempt from before it opened ending meanwhile (client left, 429) does not free the probe slot',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['stale-release', 1050], ['acquire', 1051, false], ['release', 1100], ['acquire', 1101, true]],
    state: 'half_open',
    transitions: ['closed→open@0', 'open→half_open@1000'],
  },
  {
    name: 'half-open: an attempt from before it opened failing meanwhile neither reopens it nor frees the probe slot',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['stale-fail', 1050], ['acquire', 1051, false], ['ok', 1100]],
    state: 'closed',
    transitions: ['closed→open@0', 'open→half_open@1000', 'half_open→closed@1100'],
  },
  {
    name: 'half-open: only the probe closes it, not a late success from before it opened',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['acquire', 1000, true], ['stale-ok', 1050], ['acquire', 1051, false], ['fail', 1100]],
    state: 'open',
    transitions: ['closed→open@0', 'open→half_open@1000', 'half_open→open@1100'],
  },
  {
    name: 'a late success from before it opened does not close it',
    steps: [['fail', 0], ['fail', 0], ['fail', 0], ['ok', 10]],
    state: 'open',
    transitions: ['closed→open@0'],
  },
];

for (const row of rows) {
  test(`CircuitBreaker: ${row.name}`, () => {
    const transitions: string[] = [];
    const breaker = new CircuitBreaker(settings, (t: BreakerTransition) => transitions.push(`${t.from}→${t.to}@${t.at}`));
    let now = 0;
    let permit = 0;
    for (const step of row.steps) {
      now = step[1];
      if (step[0] === 'ok') breaker.recordSuccess(now, permit);
      else if (step[0] === 'fail') breaker.recordFailure(now, permit);
      else if (step[0] === 'answering') breaker.recordAnswering(now, permit);
      else if (step[0] === 'release') breaker.release(permit);
      else if (step[0] === 'stale-ok') breaker.recordSuccess(now, 0);
      else if (step[0] === 'stale-fail') breaker.recordFailure(now, 0);
      else if (step[0] === 'stale-release') breaker.release(0);
      else {
        const acquired = breaker.tryAcquire(now);
        assert.equal(acquired !== null, step[2], `acquire at ${now}`);
        if (acquired !== null) permit = acquired;
      }
    }
    const view = breaker.view(now);
    assert.equal(view.state, row.state);
    assert.deepEqual(transitions, row.transitions);
  });
}

test('CircuitBreaker: the view reports when it opened and until when it rests', () => {
  const breaker = new CircuitBreaker(settings);
  for (let i = 0; i < 3; i++) breaker.recordFailure(500);
  assert.deepEqual(breaker.view(600), { state: 'open', failures: 3, windowRequests: 3, windowFailures: 3, openedAt: 500, cooldownUntil: 1500 });
  assert.equal(breaker.view(1500).state, 'half_open', 'shown as ready to probe once the cooldown is over');
});

test('CircuitBreaker: release frees the probe slot without judging the account', () => {
  const breaker = new CircuitBreaker(settings);
  for (let i = 0; i < 3; i++) breaker.recordFailure(0);
  const probe = breaker.tryAcquire(1000);
  assert.ok(probe !== null && probe > 0, 'the probe has its own permit');
  breaker.release(probe);
  assert.notEqual(breaker.tryAcquire(1001), null);
  assert.equal(breaker.view(1001).state, 'half_open');
});
