import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest, CanonicalResponse } from '../formats/canonical';
import { ResponseCache, type CachedAnswer } from './response-cache';
import { fingerprintRequest } from './fingerprint-request';
import { planOptimizations, optimizeSettingsFor } from './optimize-settings';
import { configSchema } from '../config/schema';

const response = (text: string): CanonicalResponse => ({ id: 'r', model: 'm', parts: [{ type: 'text', text }], finishReason: 'stop' });
const answer = (text: string): CachedAnswer => ({ response: response(text), target: 'a/m', requestId: 'req_1', costUsd: 0.01, storedAt: 0 });

test('a stored answer comes back until its TTL passes', () => {
  let now = 1000;
  const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 500, now: () => now });
  cache.set('k', answer('hi'));
  assert.equal(cache.get('k')?.response.parts[0]?.type, 'text');
  now = 1499;
  assert.ok(cache.get('k'));
  now = 1500;
  assert.equal(cache.get('k'), undefined);
  assert.equal(cache.usedBytes, 0);
});

test('bounded by bytes: the least recently used entry goes first', () => {
  const probe = new ResponseCache({ maxBytes: 1e6, ttlMs: 1e6 });
  probe.set('a', answer('x'.repeat(100)));
  const one = probe.usedBytes;
  const cache = new ResponseCache({ maxBytes: one * 2 + 10, ttlMs: 1e6 });
  cache.set('a', answer('x'.repeat(100)));
  cache.set('b', answer('x'.repeat(100)));
  assert.ok(cache.get('a')); // a is now the most recent
  cache.set('c', answer('x'.repeat(100)));
  assert.ok(cache.get('a'));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('c'));
  assert.ok(cache.usedBytes <= one * 2 + 10);
});

test('an answer larger than the whole cache is not kept; shrinking evicts', () => {
  const cache = new ResponseCache({ maxBytes: 100, ttlMs: 1e6 });
  cache.set('big', answer('x'.repeat(1000)));
  assert.equal(cache.size, 0);
  const roomy = new ResponseCache({ maxBytes: 1e6, ttlMs: 1e6 });
  roomy.set('a', answer('a'));
  roomy.set('b', answer('b'));
  roomy.configure(1, 1e6);
  assert.equal(roomy.size, 0);
});

const base: CanonicalRequest = { model: 'smart', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], temperature: 0, stream: false };

test('fingerprint: equal for JSON and stream, different for any parameter, message or target', () => {
  const key = fingerprintRequest(base, ['a/m']);
  assert.equal(fingerprintRequest({ ...base, stream: true }, ['a/m']), key);
  for (const other of [
    fingerprintRequest({ ...base, temperature: 0.1 }, ['a/m']),
    fingerprintRequest({ ...base, maxTokens: 5 }, ['a/m']),
    // A seed or a penalty changes what is sampled, so it must change the key too.
    fingerprintRequest({ ...base, seed: 42 }, ['a/m']),
    fingerprintRequest({ ...base, seed: 43 }, ['a/m']),
    fingerprintRequest({ ...base, presencePenalty: 0.5 }, ['a/m']),
    fingerprintRequest({ ...base, frequencyPenalty: 0.5 }, ['a/m']),
    fingerprintRequest({ ...base, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi!' }] }] }, ['a/m']),
    fingerprintRequest({ ...base, tools: [{ name: 't', parameters: {} }] }, ['a/m']),
    fingerprintRequest({ ...base, messages: [...base.messages, ...base.messages] }, ['a/m']),
    fingerprintRequest({ ...base, messages: [] }, ['a/m']),
    fingerprintRequest(base, ['b/m']),
  ]) assert.notEqual(other, key);
  assert.notEqual(fingerprintRequest({ ...base, seed: 42 }, ['a/m']), fingerprintRequest({ ...base, seed: 43 }, ['a/m']), 'another seed, another key');
});

test('fingerprint: client headers the upstream receives are part of the key, in any order', () => {
  const key = fingerprintRequest(base, ['a/m']);
  assert.equal(fingerprintRequest(base, ['a/m'], {}), key, 'no forwarded headers: the key is unchanged');
  const beta = fingerprintRequest(base, ['a/m'], { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'interleaved-thinking-2025-05-14' });
  assert.notEqual(beta, key);
  assert.notEqual(beta, fingerprintRequest(base, ['a/m'], { 'anthropic-version': '2023-06-01' }));
  assert.equal(fingerprintRequest(base, ['a/m'], { 'anthropic-beta': 'interleaved-thinking-2025-05-14', 'anthropic-version': '2023-06-01' }), beta);
});

const plans = [
  { name: 'defaults: temperature 0 is cached', config: {}, client: null, route: 'smart', temperature: 0, expected: { cache: true, compress: false } },
  { name: 'defaults: no temperature is not cached', config: {}, client: null, route: 'smart', temperature: undefined, expected: { cache: false, compress: false } },
  { name: 'defaults: temperature 0.7 is not cached', config: {}, client: null, route: 'smart', temperature: 0.7, expected: { cache: false, compress: false } },
  { name: 'route opts in to non-deterministic caching', config: { routes: [{ name: 'smart', targets: ['a/m'], optimize: { cache: { nonDeterministic: true } } }] }, client: null, route: 'smart', temperature: 0.7, expected: { cache: true, compress: false } },
  { name: 'global cache off', config: { optimize: { cache: { enabled: false } } }, client: null, route: 'smart', temperature: 0, expected: { cache: false, compress: false } },
  { name: 'client turns compression on', config: { clients: [{ name: 'ci', key: 'sy-ci-0123456789', optimize: { compression: { enabled: true } } }] }, client: 'ci', route: 'smart', temperature: 0, expected: { cache: true, compress: true } },
  { name: 'route override beats client override', config: { clients: [{ name: 'ci', key: 'sy-ci-0123456789', optimize: { compression: { enabled: true } } }], routes: [{ name: 'smart', targets: ['a/m'], optimize: { compression: { enabled: false }, cache: { enabled: false } } }] }, client: 'ci', route: 'smart', temperature: 0, expected: { cache: false, compress: false } },
  { name: 'global compression on, other route unaffected by a route override', config: { optimize: { compression: { enabled: true } }, routes: [{ name: 'other', targets: ['a/m'], optimize: { compression: { enabled: false } } }] }, client: null, route: 'smart', temperature: 1, expected: { cache: false, compress: true } },
];

for (const row of plans) {
  test(`plan: ${row.name}`, () => {
    const config = configSchema.parse({ providers: [{ id: 'a', kind: 'openai', baseUrl: 'http://127.0.0.1:1/v1' }], ...row.config });
    const plan = planOptimizations(optimizeSettingsFor(config), row.client, row.route, { ...base, temperature: row.temperature });
    assert.deepEqual({ cache: plan.cache, compress: plan.compress }, row.expected);
  });
}

test('config: unknown optimize fields are refused with their path', () => {
  const result = configSchema.safeParse({ optimize: { cache: { ttl: 5 } } });
  assert.equal(result.success, false);
  assert.match(JSON.stringify(result.error?.issues), /ttl/);
});
