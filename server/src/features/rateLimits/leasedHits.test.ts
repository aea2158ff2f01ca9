import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLeasedHits } from './leasedHits.js';
import { createMemoryRateLimitStore } from './memoryRateLimitStore.js';
import type { RateLimitStore } from './rateLimitStore.js';
import { createRedisRateLimitStore } from './redisRateLimitStore.js';

/**
 * Leases over a real store (memory, and Redis when REDIS_URL is set, as in CI): fewer
 * round trips in a burst, never more admitted than the limit, refusals exactly the
 * store's. Blocked keys are read over two minutes: a test may cross a minute's edge.
 */
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : null;
afterAll(() => redis?.quit());

const stores: Array<[string, () => RateLimitStore]> = [['memory', () => createMemoryRateLimitStore()]];
if (redis) stores.push(['redis', () => createRedisRateLimitStore(redis, `opsdesk-test-${randomBytes(4).toString('hex')}`)]);

const WINDOW_MS = 60_000;

/** The store, with its hits counted (the round trips a lease saves). */
function counting(store: RateLimitStore) {
  const counted = { hits: 0 };
  const wrapped: RateLimitStore = { ...store, hit: (...args) => ((counted.hits += 1), store.hit(...args)) };
  return { store: wrapped, counted };
}

describe.each(stores)('leased webhook hits (%s)', (_name, makeStore) => {
  it('counts a quiet key exactly: the fourth of three is refused, and recorded as blocked once', async () => {
    const { store, counted } = counting(makeStore());
    const leased = createLeasedHits(store);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await leased.hit('webhooks', 'ip:192.0.2.1', 3, WINDOW_MS)).allowed);
    expect(answers).toEqual([true, true, true, false]);
    expect(counted.hits).toBe(4);
    expect(await store.topBlocked('webhooks', 2, 10)).toEqual([{ subject: 'ip:192.0.2.1', blocks: 1 }]);
  });

  it('admits a burst from leases: far fewer store round trips, and the store counts every admitted request', async () => {
    const { store, counted } = counting(makeStore());
    const leased = createLeasedHits(store);
    const answers = await Promise.all(Array.from({ length: 2_000 }, () => leased.hit('webhooks', 'ip:192.0.2.2', 10_000, WINDOW_MS)));
    expect(answers.every((a) => a.allowed)).toBe(true);
    expect(counted.hits).toBeLessThan(100);
    const stored = (await store.peek('webhooks', 'ip:192.0.2.2', 10_000, WINDOW_MS)).counts;
    expect(stored.current).toBeGreaterThanOrEqual(2_000);
    // At most one lease (1 % of the points) counted and not spent.
    expect(stored.current).toBeLessThanOrEqual(2_000 + 100);
  });

  it('never admits more than the limit, and records every refusal as the store would', async () => {
    const store = makeStore();
    const leased = createLeasedHits(store);
    const answers = await Promise.all(Array.from({ length: 800 }, () => leased.hit('webhooks', 'ip:192.0.2.3', 500, WINDOW_MS)));
    const admitted = answers.filter((a) => a.allowed).length;
    expect(admitted).toBeLessThanOrEqual(500);
    expect(admitted).toBeGreaterThanOrEqual(495);
    const [blocked] = await store.topBlocked('webhooks', 2, 10);
    expect(blocked).toEqual({ subject: 'ip:192.0.2.3', blocks: 800 - admitted });
  });

  it('an unblock forgets the lease: the next request is counted afresh in the store', async () => {
    const store = makeStore();
    const leased = createLeasedHits(store);
    for (let i = 0; i < 3; i++) await leased.hit('webhooks', 'ip:192.0.2.4', 3, WINDOW_MS);
    expect((await leased.hit('webhooks', 'ip:192.0.2.4', 3, WINDOW_MS)).allowed).toBe(false);
    await store.reset('webhooks', 'ip:192.0.2.4');
    leased.forget('webhooks', 'ip:192.0.2.4');
    expect((await leased.hit('webhooks', 'ip:192.0.2.4', 3, WINDOW_MS)).allowed).toBe(true);
  });
});
