// Team mode's settings: flags override the config file; `env:NAME` reads a URL from the environment.

import { ConfigError } from '../config/load-config';
import type { Config } from '../config/schema';
import type { RedisFailureMode } from '../spend/redis-unavailable';

export const DEFAULT_RAW_DAYS = 30;

export interface TeamSettings {
  /** A postgres:// URL, or undefined for SQLite under the data dir. */
  database?: string;
  /** A redis:// URL, or undefined for in-process budgets and rate limits. */
  redis?: string;
  redisFailure: RedisFailureMode;
  rawDays: number;
}

export interface TeamFlags {
  database?: string;
  redis?: string;
}

export function resolveTeamSettings(config: Config, flags: TeamFlags, configFile: string, env: NodeJS.ProcessEnv = process.env): TeamSettings {
  const database = flags.database ?? resolveEnv(config.database, 'database', configFile, env);
  const redis = flags.redis ?? resolveEnv(config.redis, 'redis', configFile, env);
  if (database !== undefined && !/^postgres(ql)?:\/\//.test(database)) throw new ConfigError(flags.database ? '--database' : configFile, 'database', 'must be a postgres:// URL');
  if (redis !== undefined && !/^rediss?:\/\//.test(redis)) throw new ConfigError(flags.redis ? '--redis' : configFile, 'redis', 'must be a redis:// or rediss:// URL');
  return { database, redis, redisFailure: config.redisFailure, rawDays: config.retention?.rawDays ?? DEFAULT_RAW_DAYS };
}

function resolveEnv(value: string | undefined, field: string, file: string, env: NodeJS.ProcessEnv): string | undefined {
  if (value === undefined || !value.startsWith('env:')) return value;
  const found = env[value.slice(4)];
  if (found === undefined || found === '') throw new ConfigError(file, field, `environment variable ${value.slice(4)} is not set`);
  return found;
}

/** A URL with its password replaced, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
