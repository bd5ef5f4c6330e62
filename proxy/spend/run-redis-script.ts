// Runs a Lua script by its SHA-1 (EVALSHA), sending the body only when Redis does not have it
// cached yet (after a restart or SCRIPT FLUSH), so the hot path never ships script text.

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const shas = new Map<string, string>();

export async function runRedisScript(redis: Redis, script: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!String((err as Error)?.message).startsWith('NOSCRIPT')) throw err;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
