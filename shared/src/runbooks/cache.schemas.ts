import { z } from 'zod';

// Parameter schemas of the cache runbook actions, shared by the server and the console's form.

/**
 * Every family of Redis keys Opsdesk writes (server/src/features/cache/redisKeyFamilies.ts
 * says prefix, TTL, meaning and owner of each). A key outside these is never flushed.
 */
export const REDIS_KEY_FAMILY_NAMES = ['login.ip', 'login.account', 'rateLimits.counters', 'rateLimits.overrides', 'rateLimits.blocked'] as const;
export type RedisKeyFamilyName = (typeof REDIS_KEY_FAMILY_NAMES)[number];

/** `cache.families`: nothing to choose. */
export const ZCacheFamiliesParamsSchema = z.strictObject({});
export type TCacheFamiliesParams = z.infer<typeof ZCacheFamiliesParamsSchema>;

/** `cache.flush`: a whole family, or one key of it (the full key name, as `cache.families` and the plan list them). */
export const ZCacheFlushParamsSchema = z.strictObject({
  family: z.enum(REDIS_KEY_FAMILY_NAMES, 'Choose a registered key family'),
  key: z
    .string()
    .max(300, { error: 'A key name is at most 300 characters', abort: true })
    .regex(/^[\x21-\x7e]+$/, 'A key name is printable ASCII without spaces')
    .optional(),
});
export type TCacheFlushParams = z.infer<typeof ZCacheFlushParamsSchema>;
