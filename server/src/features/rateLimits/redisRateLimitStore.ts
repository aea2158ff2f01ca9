import type { RateLimitName } from '@opsdesk/shared';
import type { Redis } from 'ioredis';
import { blockedBucketKey, counterKey, overrideKey } from './rateLimitKeys.js';
import { BLOCKED_HISTORY_MINUTES, BLOCKED_KEYS_PER_MINUTE, minuteOf, type BlockedKey, type LimitDecision, type LimitOverride, type RateLimitStore } from './rateLimitStore.js';

/**
 * One request under one limit, atomically and in one round trip: read the override,
 * weigh the two windows (slidingWindow.ts, the same arithmetic), count the request or
 * record the refusal. Redis's clock, so every instance agrees on the windows.
 * KEYS: counter hash, override hash, this minute's blocked set.
 * ARGV: base points, window ms, subject, '1' to only look, blocked set TTL s, blocked set cap,
 * weight (requests counted at once, all or none; a refused weight > 1 is not recorded).
 */
const HIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local windowMs = tonumber(ARGV[2])
local window = math.floor(now / windowMs)
local elapsed = now - window * windowMs
local factor = tonumber(redis.call('HGET', KEYS[2], 'factor')) or 1
local points = math.floor(tonumber(ARGV[1]) * factor)
local stored = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
local storedWindow = tonumber(stored[1])
local current, previous = 0, 0
if storedWindow == window then
  current = tonumber(stored[2]) or 0
  previous = tonumber(stored[3]) or 0
elseif storedWindow == window - 1 then
  previous = tonumber(stored[2]) or 0
end
local weight = tonumber(ARGV[7]) or 1
local allowed = previous * (windowMs - elapsed) / windowMs + current + weight <= points
if ARGV[4] == '1' then
  return {allowed and 1 or 0, points, previous, current, elapsed}
end
if not allowed and weight > 1 then
  return {0, points, previous, current, elapsed}
end
if not allowed then
  redis.call('ZINCRBY', KEYS[3], 1, ARGV[3])
  redis.call('EXPIRE', KEYS[3], tonumber(ARGV[5]))
  if redis.call('ZCARD', KEYS[3]) > tonumber(ARGV[6]) then redis.call('ZREMRANGEBYRANK', KEYS[3], 0, 0) end
  return {0, points, previous, current, elapsed}
end
redis.call('HSET', KEYS[1], 'w', window, 'c', current + weight, 'p', previous)
redis.call('PEXPIRE', KEYS[1], windowMs * 2)
return {1, points, previous, current + weight, elapsed}
`;

/** Removes an override only while it is still the one a revert names. */
const CLEAR_OVERRIDE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface LimitScripts {
  opsdeskRateLimitHit(counter: string, override: string, blocked: string, ...args: Array<string | number>): Promise<[number, number, number, number, number]>;
  opsdeskRateLimitClearOverride(override: string, id: string): Promise<number>;
}

const scriptsDefined = new WeakSet<Redis>();

function withScripts(redis: Redis): Redis & LimitScripts {
  if (!scriptsDefined.has(redis)) {
    // ioredis sends EVALSHA and falls back to EVAL once when Redis does not know the script yet.
    redis.defineCommand('opsdeskRateLimitHit', { numberOfKeys: 3, lua: HIT_SCRIPT });
    redis.defineCommand('opsdeskRateLimitClearOverride', { numberOfKeys: 1, lua: CLEAR_OVERRIDE_SCRIPT });
    scriptsDefined.add(redis);
  }
  return redis as Redis & LimitScripts;
}

/** The store every instance shares when REDIS_URL is set; all keys under `prefix` (rateLimitKeys.ts). */
export function createRedisRateLimitStore(client: Redis, prefix: string): RateLimitStore {
  const redis = withScripts(client);
  const run = async (limit: RateLimitName, subject: string, basePoints: number, windowMs: number, peek: boolean, weight = 1): Promise<LimitDecision> => {
    const [allowed, points, previous, current, elapsedMs] = await redis.opsdeskRateLimitHit(
      counterKey(prefix, limit, subject),
      overrideKey(prefix, limit),
      blockedBucketKey(prefix, limit, minuteOf(Date.now())),
      basePoints,
      windowMs,
      subject,
      peek ? '1' : '0',
      (BLOCKED_HISTORY_MINUTES + 1) * 60,
      BLOCKED_KEYS_PER_MINUTE,
      weight,
    );
    return { allowed: allowed === 1, points, counts: { previous, current, elapsedMs } };
  };

  return {
    kind: 'redis',
    hit: (limit, subject, basePoints, windowMs, weight) => run(limit, subject, basePoints, windowMs, false, weight),
    peek: (limit, subject, basePoints, windowMs) => run(limit, subject, basePoints, windowMs, true),
    async reset(limit, subject) {
      return (await redis.unlink(counterKey(prefix, limit, subject))) > 0;
    },
    async getOverride(limit) {
      const stored = await redis.hgetall(overrideKey(prefix, limit));
      if (!stored.id || !stored.factor || !stored.expiresAt) return null;
      return { id: stored.id, factor: Number(stored.factor), expiresAt: new Date(Number(stored.expiresAt)), raisedBy: stored.raisedBy ?? '' };
    },
    async setOverride(limit, override: LimitOverride) {
      const key = overrideKey(prefix, limit);
      // The key expires with the raise, so the limit comes back even if no revert job ever runs.
      const replies = await redis
        .multi()
        .del(key)
        .hset(key, { id: override.id, factor: String(override.factor), expiresAt: String(override.expiresAt.getTime()), raisedBy: override.raisedBy })
        .pexpireat(key, override.expiresAt.getTime())
        .exec();
      const failure = replies?.find(([error]) => error)?.[0];
      if (failure) throw failure;
    },
    async clearOverride(limit, id) {
      return (await redis.opsdeskRateLimitClearOverride(overrideKey(prefix, limit), id)) === 1;
    },
    async topBlocked(limit, minutes, top) {
      const thisMinute = minuteOf(Date.now());
      const keys = Array.from({ length: minutes }, (_, i) => blockedBucketKey(prefix, limit, thisMinute - i));
      const reply = (await redis.call('ZUNION', keys.length, ...keys, 'WITHSCORES')) as Array<string | [string, string | number]>;
      return pairsOf(reply)
        .map(([subject, score]): BlockedKey => ({ subject, blocks: Number(score) }))
        .sort((a, b) => b.blocks - a.blocks || a.subject.localeCompare(b.subject))
        .slice(0, top);
    },
  };
}

/** WITHSCORES replies come flat (RESP2: member, score, …) or as pairs (RESP3), depending on the connection's protocol. */
function pairsOf(reply: Array<string | [string, string | number]>): Array<[string, string | number]> {
  if (reply.every(Array.isArray)) return reply as Array<[string, string | number]>;
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i] as string, reply[i + 1] as string]);
  return pairs;
}
