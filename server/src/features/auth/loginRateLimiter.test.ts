import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoginRateLimiter, LOCKOUT_SECONDS, type LoginRateLimiter } from './loginRateLimiter.js';

/**
 * The same limiter over its memory store, and over Redis whenever REDIS_URL is set
 * (CI sets it): with Redis, two Opsdesk instances must see one count.
 */
const redisClients: Redis[] = [];
const backends: [string, () => LoginRateLimiter[]][] = [['memory', () => [createLoginRateLimiter()]]];
if (process.env.REDIS_URL) {
  backends.push([
    'redis (two instances)',
    () => {
      const keyPrefix = `test-${randomBytes(4).toString('hex')}`;
      return [1, 2].map(() => {
        const redis = new Redis(process.env.REDIS_URL!);
        redisClients.push(redis);
        return createLoginRateLimiter({ redis, keyPrefix });
      });
    },
  ]);
}
afterAll(() => redisClients.forEach((client) => client.disconnect()));

describe.each(backends)('login rate limiter over %s', (_name, make) => {
  it('locks after the fifth failure for 15 minutes, across instances sharing the store', async () => {
    const instances = make();
    const pick = (i: number) => instances[i % instances.length]!;
    for (let i = 0; i < 4; i++) expect(await pick(i).recordFailure('192.0.2.1', 'a@example.test')).toEqual({ lockedOutNow: false, retryAfterSeconds: 0 });
    expect(await pick(1).lockedFor('192.0.2.1', 'a@example.test')).toBe(0);
    expect(await pick(4).recordFailure('192.0.2.1', 'a@example.test')).toEqual({ lockedOutNow: true, retryAfterSeconds: LOCKOUT_SECONDS });
    for (const instance of instances) {
      const wait = await instance.lockedFor('192.0.2.99', 'a@example.test');
      expect(wait).toBeGreaterThan(LOCKOUT_SECONDS - 5);
      expect(wait).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    }
    expect(await pick(0).lockedFor('192.0.2.99', 'b@example.test')).toBe(0);
  });

  it('success clears the account count', async () => {
    const [limiter] = make();
    for (let i = 0; i < 4; i++) await limiter!.recordFailure(`198.51.100.${i}`, 'c@example.test');
    await limiter!.recordSuccess('c@example.test');
    expect((await limiter!.recordFailure('198.51.100.50', 'c@example.test')).lockedOutNow).toBe(false);
  });
});
