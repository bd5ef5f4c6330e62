// Lua scripts for budgets and rate limits shared through Redis. Each runs atomically on the Redis
// server, so check-and-reserve never interleaves across gateway instances. Time is Redis's own
// clock (TIME), so instances with skewed clocks still agree on when a hold or a minute expires.
//
// Budget window (one hash per scope and period window): `spent`, `reserved`, `outstanding`, and a
// field `h:<hold id>` per outstanding hold holding its amount; beside it a sorted set of hold ids
// scored by expiry, so the holds of a crashed instance are dropped once they expire.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Drops one hold from a window; resets `reserved` exactly when nothing is outstanding. */
const DROP_HOLD = `local function drop_hold(key, id)
  local amount = redis.call('HGET', key, 'h:' .. id)
  if not amount then return end
  redis.call('HDEL', key, 'h:' .. id)
  local left = redis.call('HINCRBY', key, 'outstanding', -1)
  if left <= 0 then
    redis.call('HSET', key, 'reserved', '0', 'outstanding', '0')
  else
    local reserved = tonumber(redis.call('HINCRBYFLOAT', key, 'reserved', '-' .. amount))
    if reserved < 0 then redis.call('HSET', key, 'reserved', '0') end
  end
end`;

/**
 * KEYS: window hash and expiry set, per scope. ARGV: hold id, hold ttl ms, epsilon, then limit and
 * amount per scope. Returns {'ok'}, {'missing', i} (window i not loaded yet), or
 * {'refused', i, spent, reserved}. The admission rule is `admitsCharge` in budget-ledger.ts.
 */
export const RESERVE_SCRIPT = `${NOW}
${DROP_HOLD}
local n = #KEYS / 2
local hold, ttl, eps = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, n do
  local key, expiry = KEYS[2 * i - 1], KEYS[2 * i]
  if redis.call('HEXISTS', key, 'spent') == 0 then return {'missing', i} end
  local expired = redis.call('ZRANGEBYSCORE', expiry, '-inf', now)
  for _, id in ipairs(expired) do drop_hold(key, id) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', expiry, '-inf', now) end
end
for i = 1, n do
  local limit, usd = tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i])
  local v = redis.call('HMGET', KEYS[2 * i - 1], 'spent', 'reserved', 'outstanding')
  local spent, reserved, outstanding = tonumber(v[1]), tonumber(v[2] or '0'), tonumber(v[3] or '0')
  local admits
  if spent >= limit - eps then admits = false
  elseif spent + reserved + usd <= limit + eps then admits = true
  else admits = outstanding == 0 end
  if not admits then return {'refused', i, v[1], v[2] or '0'} end
end
for i = 1, n do
  local key, expiry, usd = KEYS[2 * i - 1], KEYS[2 * i], ARGV[3 + 2 * i]
  redis.call('HINCRBYFLOAT', key, 'reserved', usd)
  redis.call('HINCRBY', key, 'outstanding', 1)
  redis.call('HSET', key, 'h:' .. hold, usd)
  redis.call('ZADD', expiry, now + ttl, hold)
  local pttl = redis.call('PTTL', key)
  if pttl > 0 then redis.call('PEXPIRE', expiry, pttl) end
end
return {'ok'}`;

/** KEYS: window hash and expiry set. ARGV: spent loaded from the request log, expire-at ms (0: never). */
export const INIT_SCRIPT = `if redis.call('HSETNX', KEYS[1], 'spent', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'reserved', '0', 'outstanding', '0')
  if tonumber(ARGV[2]) > 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
end
return redis.call('HGET', KEYS[1], 'spent')`;

/**
 * KEYS: window hash and expiry set, per scope. ARGV: hold id, then the amount to spend per scope,
 * or nothing (release). Returns {before, after} spent per scope ('' when the window is gone: the
 * next reservation reloads it from the request log, which holds this request).
 */
export const SETTLE_SCRIPT = `${DROP_HOLD}
local hold = ARGV[1]
local out = {}
for i = 1, #KEYS / 2 do
  local key, expiry = KEYS[2 * i - 1], KEYS[2 * i]
  drop_hold(key, hold)
  redis.call('ZREM', expiry, hold)
  local before = redis.call('HGET', key, 'spent')
  if not before then
    out[i] = {'', ''}
  elseif ARGV[1 + i] then
    out[i] = {before, redis.call('HINCRBYFLOAT', key, 'spent', ARGV[1 + i])}
  else
    out[i] = {before, before}
  end
end
return out`;

/** KEYS: window hash. Returns {spent, reserved}, or {} when the window is not loaded. */
export const USAGE_SCRIPT = `local v = redis.call('HMGET', KEYS[1], 'spent', 'reserved')
if not v[1] then return {} end
return {v[1], v[2] or '0'}`;

/**
 * Sliding one-minute rate window. KEYS: sorted set of request ids scored by arrival, hash of
 * id → tokens plus `__total`. ARGV: request id, rpm (0: none), tpm (0: none), estimated tokens.
 * Returns {'ok'} or {'rpm' | 'tpm', ms until the request would fit}. Same rules as rate-limiter.ts.
 */
export const RATE_ADMIT_SCRIPT = `${NOW}
local zkey, hkey = KEYS[1], KEYS[2]
local id, rpm, tpm, est = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local cutoff = now - 60000
local expired = redis.call('ZRANGEBYSCORE', zkey, '-inf', cutoff)
for _, old in ipairs(expired) do
  local tokens = redis.call('HGET', hkey, old)
  if tokens then
    redis.call('HINCRBY', hkey, '__total', -tonumber(tokens))
    redis.call('HDEL', hkey, old)
  end
end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', zkey, '-inf', cutoff) end
local count = redis.call('ZCARD', zkey)
if count == 0 then redis.call('DEL', hkey) end
local total = tonumber(redis.call('HGET', hkey, '__total') or '0')
if rpm > 0 and count >= rpm then
  local oldest = redis.call('ZRANGE', zkey, count - rpm, count - rpm, 'WITHSCORES')
  return {'rpm', tonumber(oldest[2]) + 60000 - now}
end
if tpm > 0 and total > 0 and total + est > tpm then
  local entries = redis.call('ZRANGE', zkey, 0, -1, 'WITHSCORES')
  local remaining, wait_until = total, now + 60000
  for j = 1, #entries, 2 do
    remaining = remaining - tonumber(redis.call('HGET', hkey, entries[j]) or '0')
    if remaining + est <= tpm or remaining <= 0 then
      wait_until = tonumber(entries[j + 1]) + 60000
      break
    end
  end
  return {'tpm', wait_until - now}
end
redis.call('ZADD', zkey, now, id)
redis.call('HSET', hkey, id, est)
redis.call('HINCRBY', hkey, '__total', est)
redis.call('PEXPIRE', zkey, 61000)
redis.call('PEXPIRE', hkey, 61000)
return {'ok'}`;

/** KEYS: as admit. ARGV: request id. Takes the request out of the minute; one already aged out (or released) changes nothing. */
export const RATE_RELEASE_SCRIPT = `local tokens = redis.call('HGET', KEYS[2], ARGV[1])
if tokens then
  redis.call('HINCRBY', KEYS[2], '__total', -tonumber(tokens))
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return redis.call('ZREM', KEYS[1], ARGV[1])`;

/** KEYS: as admit. ARGV: request id, real tokens. A request that already aged out changes nothing. */
export const RATE_SETTLE_SCRIPT = `local old = redis.call('HGET', KEYS[2], ARGV[1])
if not old then return 0 end
redis.call('HINCRBY', KEYS[2], '__total', tonumber(ARGV[2]) - tonumber(old))
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;
