import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rateLimitsFor } from '../../rateLimits/rateLimits.service.js';
import { overrideKey } from '../../rateLimits/rateLimitKeys.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { recordedRun, runbookContext } from '../testing/runbookTestKit.js';
import { rateLimitsBlockedAction } from './rateLimits.blocked.js';
import { rateLimitsRaiseAction } from './rateLimits.raise.js';
import { rateLimitsUnblockAction } from './rateLimits.unblock.js';

/**
 * The 429-spike actions against the real middleware over HTTP: in memory, and in Redis
 * when REDIS_URL is set (CI), where a change made through one instance applies on another.
 */
const storages: Array<[string, Record<string, string>]> = [['memory', {}]];
if (process.env.REDIS_URL) storages.push(['redis', { REDIS_URL: process.env.REDIS_URL }]);

const LIMIT = { RATE_LIMIT_STAFF_API: '3/60' };

/** Statuses of `count` staff API calls, one after the other. */
async function statuses(url: string, token: string | null, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await fetch(`${url}/trpc/auth.me`, { headers: token ? { cookie: `opsdesk_session=${token}` } : {} })).status);
  return seen;
}

async function raise(app: TestApp, params: { limit: 'staffApi'; factor: number; minutes: number }) {
  const plan = await rateLimitsRaiseAction.plan(runbookContext(app.deps), params);
  const run = recordedRun(app.deps);
  const result = await rateLimitsRaiseAction.execute(run, params, plan);
  return { plan, run, result };
}

describe.each(storages)('rate-limit runbook actions (%s)', (storage, env) => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await createTestApp({ ...env, ...LIMIT });
    url = await app.listen({ connectWebhooks: false });
  });
  afterAll(() => app?.close());

  it('raise lets more requests through, schedules its revert, and the revert (idempotent) restores the limit', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    expect(await statuses(url, sessionToken, 4)).toEqual([200, 200, 200, 429]);

    const { plan, run, result } = await raise(app, { limit: 'staffApi', factor: 2, minutes: 30 });
    expect(plan.summary).toContain('3 → 6');
    expect(plan.state).toEqual({ limit: 'staffApi', currentOverride: null });
    expect(result.summary).toContain('raised ×2');
    // The refused request was not counted: three more pass, then the raised limit holds.
    expect(await statuses(url, sessionToken, 4)).toEqual([200, 200, 200, 429]);

    expect(run.reverts).toHaveLength(1);
    const [revert] = run.reverts;
    expect(Math.abs(revert!.expiresAt.getTime() - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
    if (storage === 'redis') {
      // The override itself expires with the raise: it reverts even if no job ever runs.
      const ttl = await app.deps.redis!.pttl(overrideKey(app.deps.config.REDIS_KEY_PREFIX, 'staffApi'));
      expect(ttl).toBeGreaterThan(29 * 60_000);
      expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    }
    const blockedView = await rateLimitsBlockedAction.plan(runbookContext(app.deps), { minutes: 15 });
    expect(blockedView.tables![0]!.rows.find((row) => row.limit === 'staffApi')).toMatchObject({ factor: 2, pointsNow: 6 });

    const lines: string[] = [];
    const revertContext = { ...runbookContext(app.deps, null), log: async (line: string) => void lines.push(line) };
    await rateLimitsRaiseAction.revert!(revertContext, revert!.revertParams);
    await rateLimitsRaiseAction.revert!(revertContext, revert!.revertParams);
    expect(lines).toEqual(['staffApi is back to its configured limit', expect.stringContaining('nothing to do')]);
    expect(await rateLimitsFor(app.deps).override('staffApi')).toBeNull();
    const fresh = await app.callerAs(['support']);
    expect(await statuses(url, fresh.sessionToken, 4)).toEqual([200, 200, 200, 429]);
  });

  it('a revert leaves a later raise in place', async () => {
    const first = await raise(app, { limit: 'staffApi', factor: 2, minutes: 30 });
    const second = await raise(app, { limit: 'staffApi', factor: 3, minutes: 60 });
    expect(second.plan.state).toEqual({ limit: 'staffApi', currentOverride: expect.any(String) });
    expect(second.plan.steps[0]).toContain('Replace the raise in force (×2');
    await rateLimitsRaiseAction.revert!({ ...runbookContext(app.deps, null), log: async () => undefined }, first.run.reverts[0]!.revertParams);
    expect(await rateLimitsFor(app.deps).override('staffApi')).toMatchObject({ factor: 3 });
    await rateLimitsRaiseAction.revert!({ ...runbookContext(app.deps, null), log: async () => undefined }, second.run.reverts[0]!.revertParams);
    expect(await rateLimitsFor(app.deps).override('staffApi')).toBeNull();
  });

  it('unblock: the plan shows the key blocked, the run lets it through, the "who is blocked" view listed it', async () => {
    const { staff, sessionToken } = await app.callerAs(['support']);
    const key = `staff:${staff.id}`;
    expect(await statuses(url, sessionToken, 6)).toEqual([200, 200, 200, 429, 429, 429]);

    const blocked = await rateLimitsBlockedAction.plan(runbookContext(app.deps), { minutes: 5 });
    expect(blocked.tables![1]!.rows).toContainEqual(expect.objectContaining({ limit: 'staffApi', key, blocks: 3, blockedNow: true }));

    const plan = await rateLimitsUnblockAction.plan(runbookContext(app.deps), { limit: 'staffApi', key });
    expect(plan.state).toEqual({ limit: 'staffApi', key, blocked: true, counted: true });
    expect(plan.facts![0]).toMatchObject({ label: 'Blocked now', value: true });
    expect(plan.steps).toHaveLength(1);
    await rateLimitsUnblockAction.execute(recordedRun(app.deps), { limit: 'staffApi', key }, plan);
    expect(await statuses(url, sessionToken, 4)).toEqual([200, 200, 200, 429]);

    const nobody = await rateLimitsUnblockAction.plan(runbookContext(app.deps), { limit: 'staffApi', key: 'ip:192.0.2.200' });
    expect(nobody).toMatchObject({ empty: true, steps: [] });
  });

  it('refuses hostile parameters with the shared schemas', () => {
    expect(rateLimitsRaiseAction.params.safeParse({ limit: 'staffApi', factor: 11, minutes: 30 }).success).toBe(false);
    expect(rateLimitsRaiseAction.params.safeParse({ limit: 'staffApi', factor: 2, minutes: 4 }).success).toBe(false);
    expect(rateLimitsRaiseAction.params.safeParse({ limit: 'login', factor: 2, minutes: 30 }).success).toBe(false);
    expect(rateLimitsUnblockAction.params.safeParse({ limit: 'staffApi', key: 'ip:1.2.3.4\u0000*' }).success).toBe(false);
    expect(rateLimitsUnblockAction.params.safeParse({ limit: 'staffApi', key: `ip:${'1'.repeat(200)}` }).success).toBe(false);
  });
});

if (process.env.REDIS_URL) {
  describe('rate-limit runbook actions, two instances sharing one Redis', () => {
    let first: TestApp;
    let second: TestApp;
    let firstUrl: string;
    let secondUrl: string;

    beforeAll(async () => {
      first = await createTestApp({ REDIS_URL: process.env.REDIS_URL!, ...LIMIT });
      second = await createTestApp({ REDIS_URL: process.env.REDIS_URL!, ...LIMIT, REDIS_KEY_PREFIX: first.deps.config.REDIS_KEY_PREFIX });
      firstUrl = await first.listen({ connectWebhooks: false });
      secondUrl = await second.listen({ connectWebhooks: false });
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
    });

    it('one count across instances; a limit raised or a key unblocked through one applies on the other at once', async () => {
      // Signed out, both count 127.0.0.1 under one key.
      expect([...(await statuses(firstUrl, null, 2)), ...(await statuses(secondUrl, null, 2))]).toEqual([401, 401, 401, 429]);
      const { run } = await raise(first, { limit: 'staffApi', factor: 2, minutes: 30 });
      expect(await statuses(secondUrl, null, 4)).toEqual([401, 401, 401, 429]);
      await rateLimitsRaiseAction.revert!({ ...runbookContext(first.deps, null), log: async () => undefined }, run.reverts[0]!.revertParams);
      const plan = await rateLimitsUnblockAction.plan(runbookContext(first.deps), { limit: 'staffApi', key: 'ip:127.0.0.1' });
      await rateLimitsUnblockAction.execute(recordedRun(first.deps), { limit: 'staffApi', key: 'ip:127.0.0.1' }, plan);
      expect(await statuses(secondUrl, null, 4)).toEqual([401, 401, 401, 429]);
    });

    it('an override ends by its Redis TTL with no revert job', async () => {
      const override = await rateLimitsFor(first.deps).raise('staffApi', 2, new Date(Date.now() + 300), 'ttl-test');
      const key = overrideKey(first.deps.config.REDIS_KEY_PREFIX, 'staffApi');
      expect(await rateLimitsFor(second.deps).override('staffApi')).toMatchObject({ id: override.id, factor: 2 });
      await vi.waitFor(async () => expect(await first.deps.redis!.exists(key)).toBe(0), { timeout: 10_000, interval: 25 });
      expect(await rateLimitsFor(second.deps).override('staffApi')).toBeNull();
      const { sessionToken } = await first.callerAs(['support']);
      expect(await statuses(firstUrl, sessionToken, 4)).toEqual([200, 200, 200, 429]);
    });
  });
}
