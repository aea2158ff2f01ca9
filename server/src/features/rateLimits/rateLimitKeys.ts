import type { RateLimitName } from '@opsdesk/shared';

/**
 * Where the named limits keep their state in Redis, under config.REDIS_KEY_PREFIX. The
 * cache key registry (features/cache/redisKeyFamilies.ts) lists these families; each
 * prefix ends with `:` and none is a prefix of another, so a SCAN of one never meets
 * the others.
 */
export const rateLimitKeyPrefixes = (prefix: string) => ({
  /** One hash per limit and key: the current and previous window's counts. */
  counters: `${prefix}:ratelimit:`,
  /** One hash per raised limit, expiring with the raise. */
  overrides: `${prefix}:ratelimit-override:`,
  /** One sorted set per limit and minute: blocked keys by count. */
  blocked: `${prefix}:ratelimit-blocked:`,
});

export const counterKey = (prefix: string, limit: RateLimitName, subject: string) => `${rateLimitKeyPrefixes(prefix).counters}${limit}:${subject}`;
export const overrideKey = (prefix: string, limit: RateLimitName) => `${rateLimitKeyPrefixes(prefix).overrides}${limit}`;
export const blockedBucketKey = (prefix: string, limit: RateLimitName, minute: number) => `${rateLimitKeyPrefixes(prefix).blocked}${limit}:${minute}`;
