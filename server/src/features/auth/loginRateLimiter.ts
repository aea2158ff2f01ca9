import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Thrown (as a TRPCError cause) so the error formatter can tell the client when to retry. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`);
  }
}

export const LOGIN_ATTEMPTS_PER_MINUTE = 5;
export const LOCKOUT_SECONDS = 15 * 60;

export interface LoginRateLimiter {
  /** Seconds until the IP or the account may try again, or 0 when not locked. */
  lockedFor(ip: string, email: string): Promise<number>;
  /** Counts a failed attempt; returns the lock-out length when this attempt started one. */
  recordFailure(ip: string, email: string): Promise<{ lockedOutNow: boolean; retryAfterSeconds: number }>;
  /** A successful sign-in clears the account's count (the IP's stays). */
  recordSuccess(email: string): Promise<void>;
}

/**
 * Failed sign-ins are counted per IP and per account in a one-minute window; the fifth
 * locks both for 15 minutes. rate-limiter-flexible's Redis store is used when Redis is
 * configured (shared by every instance), its memory store otherwise; same code path.
 */
export function createLoginRateLimiter(options: { redis?: Redis; keyPrefix?: string } = {}): LoginRateLimiter {
  const make = (name: string): RateLimiterAbstract => {
    const settings = { points: LOGIN_ATTEMPTS_PER_MINUTE, duration: 60, keyPrefix: `${options.keyPrefix ?? 'opsdesk'}:login:${name}` };
    // If Redis stops answering, sign-in keeps working on a per-instance memory count
    // rather than failing closed for everyone (the insurance limiter).
    return options.redis
      ? new RateLimiterRedis({ ...settings, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(settings) })
      : new RateLimiterMemory(settings);
  };
  const byIp = make('ip');
  const byAccount = make('account');
  const pairs = (ip: string, email: string) => [[byIp, ip], [byAccount, email]] as const;

  return {
    async lockedFor(ip, email) {
      let wait = 0;
      for (const [limiter, key] of pairs(ip, email)) {
        const state = await limiter.get(key);
        if (state && state.consumedPoints > LOGIN_ATTEMPTS_PER_MINUTE) wait = Math.max(wait, Math.ceil(state.msBeforeNext / 1000));
      }
      return wait;
    },
    async recordFailure(ip, email) {
      let lockedOutNow = false;
      for (const [limiter, key] of pairs(ip, email)) {
        const state = await limiter.consume(key).catch((rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return rejection;
          throw rejection;
        });
        if (state.consumedPoints >= LOGIN_ATTEMPTS_PER_MINUTE) {
          await limiter.block(key, LOCKOUT_SECONDS);
          lockedOutNow = true;
        }
      }
      return { lockedOutNow, retryAfterSeconds: lockedOutNow ? LOCKOUT_SECONDS : 0 };
    },
    async recordSuccess(email) {
      await byAccount.delete(email);
    },
  };
}
