import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoginRateLimiter, LOCKOUT_SECONDS, RateLimitedError, type LoginRateLimiter } from './loginRateLimiter.js';

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

const refusal = (attempt: Promise<unknown>) => attempt.then(() => null, (error: unknown) => (error instanceof RateLimitedError ? error : Promise.reject(error)));

describe.each(backends)('login rate limiter over %s', (_name, make) => {
  it('the attempt holding the fifth point starts a 15-minute lock-out when it fails, across instances sharing the store', async () => {
    const instances = make();
    const pick = (i: number) => instances[i % instances.length]!;
    for (let i = 0; i < 4; i++) expect(await (await pick(i).reserve('192.0.2.1', 'a@example.test')).failed()).toEqual({ lockedOutNow: false, retryAfterSeconds: 0 });
    const fifth = await pick(4).reserve('192.0.2.1', 'a@example.test');
    expect(await fifth.failed()).toEqual({ lockedOutNow: true, retryAfterSeconds: LOCKOUT_SECONDS });
    for (const instance of instances) {
      const refused = await refusal(instance.reserve('192.0.2.99', 'a@example.test'));
      expect(refused?.retryAfterSeconds).toBeGreaterThan(LOCKOUT_SECONDS - 5);
      expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    }
    expect(await refusal(pick(0).reserve('192.0.2.98', 'b@example.test'))).toBeNull();
  });

  it('reserves before verifying: of 30 concurrent attempts only 5 get a point, whatever the password turns out to be', async () => {
    const instances = make();
    const attempts = await Promise.all(Array.from({ length: 30 }, (_, i) => refusal(instances[i % instances.length]!.reserve(`198.51.100.${i}`, 'race@example.test'))));
    // refusal() resolves null for an attempt that got its point.
    expect(attempts.filter((a) => a === null)).toHaveLength(5);
    expect(attempts.filter((a) => a instanceof RateLimitedError)).toHaveLength(25);
  });

  it('a success clears the account count and gives the IP its point back; an unjudged attempt gives both back', async () => {
    const [limiter] = make();
    for (let i = 0; i < 4; i++) await (await limiter!.reserve('203.0.113.7', 'c@example.test')).failed();
    await (await limiter!.reserve('203.0.113.7', 'c@example.test')).succeeded();
    // The IP still has its four failures (this one was given back); the account has none.
    await (await limiter!.reserve('203.0.113.8', 'c@example.test')).release();
    for (let i = 0; i < 4; i++) expect((await (await limiter!.reserve(`203.0.113.${20 + i}`, 'c@example.test')).failed()).lockedOutNow).toBe(false);
    expect((await (await limiter!.reserve('203.0.113.7', 'd@example.test')).failed()).lockedOutNow).toBe(true);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it gains nothing; an IPv4-mapped address is its IPv4 one', async () => {
    const [limiter] = make();
    for (let i = 1; i <= 5; i++) await (await limiter!.reserve(`2001:db8:5:7::${i}`, `spray-${i}@example.test`)).failed();
    expect(await refusal(limiter!.reserve('2001:db8:5:7:abcd:ef01:2345:6789', 'spray-6@example.test'))).toBeInstanceOf(RateLimitedError);
    expect(await refusal(limiter!.reserve('2001:0db8:0005:0007::99', 'spray-7@example.test'))).toBeInstanceOf(RateLimitedError);
    expect(await refusal(limiter!.reserve('2001:db8:5:8::1', 'spray-8@example.test'))).toBeNull();

    for (let i = 1; i <= 5; i++) await (await limiter!.reserve('::ffff:192.0.2.70', `mapped-${i}@example.test`)).failed();
    expect(await refusal(limiter!.reserve('192.0.2.70', 'mapped-6@example.test'))).toBeInstanceOf(RateLimitedError);
    // Other IPv4 clients on the same dual-stack socket are not one shared ::/64.
    expect(await refusal(limiter!.reserve('::ffff:192.0.2.71', 'mapped-7@example.test'))).toBeNull();
  });

  it('an IP that is refused spends nothing of the account it names', async () => {
    const [limiter] = make();
    for (let i = 0; i < 5; i++) await (await limiter!.reserve('192.0.2.50', `victim-${i}@example.test`)).failed();
    for (let i = 0; i < 10; i++) expect(await refusal(limiter!.reserve('192.0.2.50', 'e@example.test'))).toBeInstanceOf(RateLimitedError);
    expect(await refusal(limiter!.reserve('192.0.2.51', 'e@example.test'))).toBeNull();
  });
});
