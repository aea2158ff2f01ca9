import { REDIS_KEY_FAMILY_NAMES } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_KEY_FAMILIES } from '../../cache/redisKeyFamilies.js';
import { countKeys } from '../../cache/redisKeyScan.js';
import { rateLimitsFor } from '../../rateLimits/rateLimits.service.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { recordedRun, runbookContext } from '../testing/runbookTestKit.js';
import { cacheFamiliesAction } from './cache.families.js';
import { cacheFlushAction } from './cache.flush.js';

describe('Redis key family registry', () => {
  it('names every family once, and no prefix is a prefix of another (a SCAN of one never meets another)', () => {
    expect(REDIS_KEY_FAMILIES.map((f) => f.name).sort()).toEqual([...REDIS_KEY_FAMILY_NAMES].sort());
    const prefixes = REDIS_KEY_FAMILIES.map((f) => f.prefix('opsdesk'));
    for (const prefix of prefixes) {
      expect(prefix.startsWith('opsdesk:') && prefix.endsWith(':')).toBe(true);
      expect(prefixes.filter((other) => other.startsWith(prefix))).toEqual([prefix]);
    }
  });
});

if (process.env.REDIS_URL) {
  describe('cache runbook actions (Redis)', () => {
    let app: TestApp;
    let prefix: string;
    const foreignKeys = () => [`${prefix}:unregistered:thing`, `${prefix}-neighbour:ratelimit:staffApi:ip:192.0.2.1`];

    beforeAll(async () => {
      app = await createTestApp({ REDIS_URL: process.env.REDIS_URL! });
      prefix = app.deps.config.REDIS_KEY_PREFIX;
      // Two families written by their real owners: sign-in attempts and named-limit counts.
      await (await app.deps.loginRateLimiter.reserve('192.0.2.10', 'flush@example.test')).failed();
      const rateLimits = rateLimitsFor(app.deps);
      for (const ip of ['192.0.2.20', '192.0.2.21', '192.0.2.22']) await rateLimits.hit('staffApi', `ip:${ip}`);
      // A key under the prefix no family claims, and one under a neighbouring prefix.
      for (const key of foreignKeys()) await app.deps.redis!.set(key, 'keep me', 'EX', 600);
    });
    afterAll(async () => {
      await app?.deps.redis?.del(...foreignKeys());
      await app?.close();
    });

    it('lists each family with its live key count, and counts the keys no family claims', async () => {
      const plan = await cacheFamiliesAction.plan(runbookContext(app.deps), {});
      const counts = Object.fromEntries(plan.tables![0]!.rows.map((row) => [row.family, row.keys]));
      expect(counts).toEqual({ 'login.ip': 1, 'login.account': 1, 'rateLimits.counters': 3, 'rateLimits.overrides': 0, 'rateLimits.blocked': 0 });
      expect(plan.facts).toContainEqual(expect.objectContaining({ label: 'Keys under the prefix in no registered family', value: 1 }));
    });

    it('flushes exactly one family: the plan counts and names its keys; the other families and foreign keys remain', async () => {
      const params = { family: 'rateLimits.counters' as const };
      const plan = await cacheFlushAction.plan(runbookContext(app.deps), params);
      const counters = ['192.0.2.20', '192.0.2.21', '192.0.2.22'].map((ip) => `${prefix}:ratelimit:staffApi:ip:${ip}`);
      expect(plan.facts).toContainEqual(expect.objectContaining({ label: 'Keys', value: 3 }));
      expect(plan.tables![0]!.rows.map((row) => row.key)).toEqual(counters);
      const run = recordedRun(app.deps);
      const result = await cacheFlushAction.execute(run, params, plan);
      expect(result.summary).toBe('Flushed 3 key(s) of rateLimits.counters');
      expect(await app.deps.redis!.exists(...counters)).toBe(0);
      expect((await countKeys(app.deps.redis!, `${prefix}:login:`)).count).toBe(2);
      expect(await app.deps.redis!.exists(...foreignKeys())).toBe(2);
      expect(await cacheFlushAction.plan(runbookContext(app.deps), params)).toMatchObject({ empty: true, steps: [] });
    });

    it('flushes one key of a family, and refuses a key outside it', async () => {
      const key = `${prefix}:login:ip:192.0.2.10`;
      const plan = await cacheFlushAction.plan(runbookContext(app.deps), { family: 'login.ip', key });
      expect(plan.steps).toEqual([`UNLINK ${key}`]);
      await cacheFlushAction.execute(recordedRun(app.deps), { family: 'login.ip', key }, plan);
      expect(await app.deps.redis!.exists(key, `${prefix}:login:account:flush@example.test`)).toBe(1);
      for (const outside of [`${prefix}:login:account:flush@example.test`, foreignKeys()[0]!, `${prefix}:login:ip:`]) {
        await expect(cacheFlushAction.plan(runbookContext(app.deps), { family: 'login.ip', key: outside })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      }
      expect(cacheFlushAction.params.safeParse({ family: 'everything' }).success).toBe(false);
      expect(cacheFlushAction.params.safeParse({ family: 'login.ip', key: 'a b' }).success).toBe(false);
    });
  });
}

describe('cache runbook actions without Redis', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('say plainly that there is no Redis, with nothing to run', async () => {
    for (const plan of [await cacheFamiliesAction.plan(runbookContext(app.deps), {}), await cacheFlushAction.plan(runbookContext(app.deps), { family: 'rateLimits.counters' })]) {
      expect(plan).toMatchObject({ empty: true, steps: [] });
      expect(plan.summary).toMatch(/^No Redis: REDIS_URL is not set/);
    }
  });
});
