import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../config/load-config';
import { buildRuntime } from '../gateway/runtime';
import { checkRouteBody, parseRouteOverrides } from './route-overrides';

const providers = [{ id: 'a', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }];
const routes = [{ name: 'r', targets: ['a/m'] }];

const invalid: Array<{ name: string; config: Record<string, unknown>; field: string; problem: RegExp }> = [
  { name: 'rule with both route and target', config: { providers, routes, rules: [{ when: {}, route: 'r', target: 'a/m' }] }, field: 'rules[0]', problem: /exactly one of "route" or "target"/ },
  { name: 'rule with neither', config: { providers, routes, rules: [{ when: { hasTools: true } }] }, field: 'rules[0]', problem: /exactly one/ },
  { name: 'rule naming an unknown route', config: { providers, routes, rules: [{ when: {}, route: 'nope' }] }, field: 'rules[0].route', problem: /unknown route "nope"/ },
  { name: 'rule target on an unknown provider', config: { providers, routes, rules: [{ when: {}, target: 'z/m' }] }, field: 'rules[0].target', problem: /unknown provider "z"/ },
  { name: 'rule with an unknown condition', config: { providers, routes, rules: [{ when: { weekday: 'monday' }, route: 'r' }] }, field: 'rules[0].when.weekday', problem: /unknown field/ },
  { name: 'header with both value and pattern', config: { providers, routes, rules: [{ when: { header: { name: 'x', value: 'a', pattern: 'b' } }, route: 'r' }] }, field: 'rules[0].when.header', problem: /exactly one of "value" or "pattern"/ },
  { name: 'header pattern that is not a regex', config: { providers, routes, rules: [{ when: { header: { name: 'x', pattern: '(' } }, route: 'r' }] }, field: 'rules[0].when.header.pattern', problem: /regular expression/ },
  { name: 'token bounds the wrong way round', config: { providers, routes, rules: [{ when: { minPromptTokens: 10, maxPromptTokens: 5 }, route: 'r' }] }, field: 'rules[0].when.maxPromptTokens', problem: /minPromptTokens/ },
  { name: 'zero retry attempts', config: { providers, routes: [{ name: 'r', targets: ['a/m'], retry: { attempts: 0 } }] }, field: 'routes[0].retry.attempts', problem: /./ },
  { name: 'failure rate above 1', config: { providers, routes, routing: { breaker: { failureRate: 1.5 } } }, field: 'routing.breaker.failureRate', problem: /./ },
  { name: 'unknown routing field', config: { providers, routes, routing: { retries: 3 } }, field: 'routing.retries', problem: /unknown field/ },
  { name: 'apiKeys from a missing env var', config: { providers: [{ ...providers[0], apiKeys: ['env:SY_TEST_MISSING_KEY'] }], routes }, field: 'providers[0].apiKeys[0]', problem: /SY_TEST_MISSING_KEY is not set/ },
];
for (const row of invalid) {
  test(`config: ${row.name} is refused naming the field`, async () => {
    await assert.rejects(validateConfig(row.config, 'c.json', { env: {} }), (err: any) => {
      assert.equal(err.field, row.field);
      assert.match(err.problem, row.problem);
      return true;
    });
  });
}

test('config: apiKeys resolve like apiKey and become accounts in order', async () => {
  const config = await validateConfig({ providers: [{ ...providers[0], apiKey: 'k1', apiKeys: ['env:K2', 'k3'] }], routes }, 'c.json', { env: { K2: 'k2' } });
  const runtime = buildRuntime(config, null);
  assert.deepEqual(runtime.providers.get('a')!.accounts, [
    { id: 'a#1', providerId: 'a', secret: 'k1' },
    { id: 'a#2', providerId: 'a', secret: 'k2' },
    { id: 'a#3', providerId: 'a', secret: 'k3' },
  ]);
  assert.equal(runtime.routes.get('r')!.retry.attempts, 1);
  assert.equal(runtime.routing.maxAttempts, 5);
});

test('route overrides: validated like the config, laid over config and profile, stale ones skipped', async () => {
  const config = await validateConfig({ providers, routes, profiles: [{ name: 'p', routes: { r: { targets: ['a/profiled'] } } }] }, 'c.json');
  assert.deepEqual(checkRouteBody({ targets: ['b/m'] }, config), { ok: false, field: 'targets[0]', problem: 'unknown provider "b"' });
  assert.deepEqual(checkRouteBody({ targets: [{ target: 'a/m', weight: -1 }] }, config).ok, false);
  assert.equal((checkRouteBody({ targets: [{ target: 'a/m', weight: -1 }] }, config) as any).field, 'targets[0].weight');
  const edit = checkRouteBody({ strategy: 'weighted', targets: ['a/edited'] }, config);
  assert.ok(edit.ok);

  const runtime = buildRuntime(config, 'p', { r: edit.body, gone: { strategy: 'fallback', targets: ['old-provider/m'] } });
  assert.deepEqual(runtime.routes.get('r')!.targets.map((t) => t.ref), ['a/edited']);
  assert.equal(runtime.routes.get('r')!.source, 'override');
  assert.equal(runtime.routes.has('gone'), false);
  assert.equal(buildRuntime(config, 'p').routes.get('r')!.source, 'profile');
});

test('route overrides: persisted text that no longer parses is ignored entry by entry', () => {
  assert.deepEqual(parseRouteOverrides(undefined), {});
  assert.deepEqual(parseRouteOverrides('not json'), {});
  assert.deepEqual(Object.keys(parseRouteOverrides(JSON.stringify({ ok: { targets: ['a/m'] }, bad: { targets: [] } }))), ['ok']);
});
