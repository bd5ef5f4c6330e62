// The outside world of the team-mode fault tests: a restartable Postgres, a restartable Redis and a
// fake OpenAI upstream answering 5 + 5 tokens, started together and stopped together.

import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai';
import { startPostgres, startRedis, type RestartablePostgres, type RestartableRedis } from './start-services';

export interface TeamServices {
  postgres: RestartablePostgres;
  redis: RestartableRedis;
  upstream: FakeOpenAI;
  /** Thaws and stops all three. */
  stop(): Promise<void>;
}

export async function startTeamServices(): Promise<TeamServices> {
  const [postgres, redis, upstream] = await Promise.all([startPostgres(), startRedis(), startFakeOpenAI({ usage: { prompt: 5, completion: 5 } })]);
  return {
    postgres, redis, upstream,
    stop: async () => {
      postgres.thaw();
      await Promise.all([upstream.close(), redis.stop(), postgres.stop()]);
    },
  };
}
