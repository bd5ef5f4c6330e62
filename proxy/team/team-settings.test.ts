import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../config/schema';
import { redactUrl, resolveTeamSettings, type TeamFlags } from './team-settings';

const ENV = { PG_URL: 'postgres://u:secret@db:5432/sy', REDIS_URL: 'redis://cache:6379' };

const cases: Array<{ name: string; config: Record<string, unknown>; flags: TeamFlags; expected: unknown }> = [
  { name: 'nothing set: SQLite, in-process, defaults', config: {}, flags: {}, expected: { database: undefined, redis: undefined, redisFailure: 'closed', rawDays: 30 } },
  {
    name: 'config fields, env references resolved',
    config: { database: 'env:PG_URL', redis: 'env:REDIS_URL', redisFailure: 'open', retention: { rawDays: 7 } },
    flags: {},
    expected: { database: ENV.PG_URL, redis: ENV.REDIS_URL, redisFailure: 'open', rawDays: 7 },
  },
  {
    name: 'flags override the config',
    config: { database: 'postgres://config/db', redis: 'redis://config:6379' },
    flags: { database: 'postgresql://flag/db', redis: 'rediss://flag:6380' },
    expected: { database: 'postgresql://flag/db', redis: 'rediss://flag:6380', redisFailure: 'closed', rawDays: 30 },
  },
];

for (const c of cases) {
  test(`resolveTeamSettings: ${c.name}`, () => {
    assert.deepEqual(resolveTeamSettings(configSchema.parse(c.config), c.flags, 'sy.json', ENV), c.expected);
  });
}

const errors: Array<{ name: string; config: Record<string, unknown>; flags: TeamFlags; expected: RegExp }> = [
  { name: 'a missing env variable names the field', config: { database: 'env:NOPE' }, flags: {}, expected: /sy\.json: database: environment variable NOPE is not set$/ },
  { name: 'a flag that is not a postgres URL', config: {}, flags: { database: 'mysql://x' }, expected: /--database: database: must be a postgres:\/\/ URL$/ },
  { name: 'an env value that is not a redis URL', config: { redis: 'env:PG_URL' }, flags: {}, expected: /sy\.json: redis: must be a redis:\/\/ or rediss:\/\/ URL$/ },
];

for (const c of errors) {
  test(`resolveTeamSettings refuses: ${c.name}`, () => {
    assert.throws(() => resolveTeamSettings(configSchema.parse(c.config), c.flags, 'sy.json', ENV), c.expected);
  });
}

test('the config schema refuses a database that is not a URL or env reference', () => {
  const parsed = configSchema.safeParse({ database: 'sqlite:///tmp/x' });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error!.issues[0]!.path, ['database']);
});

test('redactUrl hides the password only', () => {
  assert.equal(redactUrl(ENV.PG_URL), 'postgres://u:***@db:5432/sy');
  assert.equal(redactUrl('redis://cache:6379'), 'redis://cache:6379');
});
