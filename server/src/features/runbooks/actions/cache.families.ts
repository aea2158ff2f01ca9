import { ZCacheFamiliesParamsSchema } from '@opsdesk/shared';
import { REDIS_KEY_FAMILIES } from '../../cache/redisKeyFamilies.js';
import { countKeys, matchPatternOf } from '../../cache/redisKeyScan.js';
import { defineRunbookAction, type RunbookContext, type RunbookPlan } from '../runbookAction.js';
import { CACHE_ENTRY, noRedisPlan } from './cache.display.js';

async function describeFamilies(ctx: RunbookContext): Promise<RunbookPlan> {
  const { redis, config } = ctx.deps;
  if (!redis) return noRedisPlan();
  const prefix = config.REDIS_KEY_PREFIX;
  const rows = [];
  for (const family of REDIS_KEY_FAMILIES) {
    const { count } = await countKeys(redis, family.prefix(prefix));
    rows.push({ family: family.name, match: matchPatternOf(family.prefix(prefix)), keys: count, ttl: family.ttl, meaning: family.meaning, owner: family.owner, flushSafe: family.flushSafe, flushEffect: family.flushEffect });
  }
  const registered = rows.reduce((sum, row) => sum + row.keys, 0);
  // Keys under Opsdesk's prefix that no family claims: a feature writing Redis without registering it.
  const unregistered = (await countKeys(redis, `${prefix}:`)).count - registered;
  return {
    summary: `${registered} key(s) in ${REDIS_KEY_FAMILIES.length} registered families under ${prefix}:`,
    steps: [],
    facts: [
      { label: 'Key prefix (REDIS_KEY_PREFIX)', value: `${prefix}:`, kind: 'code' },
      { label: 'Keys under the prefix in no registered family', value: unregistered, kind: 'number', status: unregistered > 0 ? 'warn' : 'ok' },
    ],
    tables: [
      {
        title: 'Redis key families',
        columns: [
          { key: 'family', label: 'Family', kind: 'code' },
          { key: 'match', label: 'Keys', kind: 'code' },
          { key: 'keys', label: 'Live keys', kind: 'number' },
          { key: 'ttl', label: 'Lives' },
          { key: 'meaning', label: 'Meaning' },
          { key: 'owner', label: 'Owner' },
          { key: 'flushSafe', label: 'Safe to flush' },
          { key: 'flushEffect', label: 'A flush means' },
        ],
        rows,
      },
    ],
    state: null,
  };
}

/** Read-only: every Redis key family Opsdesk uses, with its live key count (SCAN, never KEYS). */
export const cacheFamiliesAction = defineRunbookAction({
  name: 'cache.families',
  title: 'List Redis key families',
  summary: 'Every family of Redis keys Opsdesk writes (prefix, lifetime, meaning, owner) with how many keys each holds now.',
  runbookEntry: CACHE_ENTRY,
  permission: 'runbooks.read',
  risk: 'low',
  readOnly: true,
  params: ZCacheFamiliesParamsSchema,
  target: () => 'redis',
  timeoutMs: 60_000,
  plan: (ctx) => describeFamilies(ctx),
  async execute(ctx) {
    return describeFamilies(ctx);
  },
});
