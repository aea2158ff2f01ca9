import { TRPCError } from '@trpc/server';
import { ZCacheFlushParamsSchema, type TCacheFlushParams } from '@opsdesk/shared';
import { redisKeyFamily } from '../../cache/redisKeyFamilies.js';
import { countKeys, matchPatternOf, scanKeyPages, unlinkKeys } from '../../cache/redisKeyScan.js';
import { defineRunbookAction } from '../runbookAction.js';
import { CACHE_ENTRY, noRedisPlan } from './cache.display.js';

/** Key names the plan lists; the count covers all of them. */
const LISTED_KEYS = 50;

/** The family's prefix, and the one key when given: refused (400) unless the key is in that family. */
function scopeOf(params: TCacheFlushParams, keyPrefix: string) {
  const family = redisKeyFamily(params.family);
  const prefix = family.prefix(keyPrefix);
  if (params.key !== undefined && (!params.key.startsWith(prefix) || params.key.length === prefix.length)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `${params.key} is not a key of ${family.name} (its keys start with ${prefix})` });
  }
  return { family, prefix };
}

/**
 * Deletes one key, or every key of one registered family (SCAN MATCH by its prefix, then
 * UNLINK in batches). Never a key outside a registered family: the family is an enum,
 * a single key must start with its prefix, and each scanned key is checked again.
 */
export const cacheFlushAction = defineRunbookAction({
  name: 'cache.flush',
  title: 'Flush Redis keys',
  summary: 'Deletes one key or a whole registered key family from Redis (e.g. every rate-limit count). The plan shows how many keys and which.',
  runbookEntry: CACHE_ENTRY,
  permission: 'runbooks.run',
  risk: 'medium',
  params: ZCacheFlushParamsSchema,
  target: (params) => `redis:${params.family}`,
  timeoutMs: 5 * 60_000,
  async plan(ctx, params) {
    const { redis, config } = ctx.deps;
    if (!redis) return noRedisPlan();
    const { family, prefix } = scopeOf(params, config.REDIS_KEY_PREFIX);
    const facts = [
      { label: 'Family', value: family.name, kind: 'code' as const },
      { label: 'Meaning', value: family.meaning },
      { label: 'A flush means', value: family.flushEffect },
    ];
    if (!family.flushSafe) return { summary: `${family.name} is not safe to flush.`, steps: [], empty: true, facts, state: { family: family.name, safe: false } };
    const { count, sample } = params.key !== undefined ? { count: await redis.exists(params.key), sample: [params.key] } : await countKeys(redis, prefix, LISTED_KEYS);
    const keys = count === 0 ? [] : sample;
    return {
      summary: count === 0 ? `Nothing to flush: no key ${params.key ?? `matches ${matchPatternOf(prefix)}`}.` : `Flush ${count} key(s) of ${family.name}`,
      steps: count === 0 ? [] : [params.key !== undefined ? `UNLINK ${params.key}` : `UNLINK the ${count} key(s) matching ${matchPatternOf(prefix)} (any written before the run, too)`],
      empty: count === 0,
      facts: [...facts, { label: 'Keys', value: count, kind: 'number' }],
      tables: [{ title: 'Keys to delete', columns: [{ key: 'key', label: 'Key', kind: 'code' }], rows: keys.map((key) => ({ key, highlight: 'act' })), omitted: count - keys.length }],
      // Counts churn with traffic; what the run rests on is which keys it may touch and whether there are any.
      state: { family: family.name, prefix, key: params.key ?? null, empty: count === 0 },
    };
  },
  async execute(ctx, params, plan) {
    const redis = ctx.deps.redis;
    if (!redis) throw new Error('No Redis: REDIS_URL is not set.');
    const { family, prefix } = scopeOf(params, ctx.deps.config.REDIS_KEY_PREFIX);
    let deleted = 0;
    if (params.key !== undefined) {
      deleted = await unlinkKeys(redis, [params.key]);
      await ctx.log(deleted === 1 ? `Deleted ${params.key}` : `${params.key} was already gone`);
    } else {
      const planned = plan.facts?.find((fact) => fact.label === 'Keys')?.value;
      for await (const page of scanKeyPages(redis, prefix, ctx.signal)) {
        deleted += await unlinkKeys(redis, page);
        await ctx.progress(deleted, typeof planned === 'number' ? Math.max(planned, deleted) : null);
        await ctx.log(`Deleted ${deleted} key(s) so far`);
      }
    }
    return { summary: `Flushed ${deleted} key(s) of ${family.name}`, facts: [{ label: 'Keys deleted', value: deleted, kind: 'number' }] };
  },
});
