import { availableParallelism } from 'node:os';
import type { Redis } from 'ioredis';
import { PasswordChecksBusyError } from './password.js';
import { clientNetworkOf } from '../../http/clientNetwork.js';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Thrown (as a TRPCError cause) so the error formatter can tell the client when to retry. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(`Too many failed sign-in attempts. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`);
  }
}

export const LOGIN_ATTEMPTS_PER_MINUTE = 5;
export const LOCKOUT_SECONDS = 15 * 60;

/** One sign-in attempt that holds a reservation; the caller reports how it ended. */
export interface LoginAttempt {
  /** The credentials were wrong: the point stays spent. Says whether this failure started the lock-out. */
  failed(): Promise<{ lockedOutNow: boolean; retryAfterSeconds: number }>;
  /** Signed in: the account's count is cleared and the IP's point given back. */
  succeeded(): Promise<void>;
  /** Neither (a step of a two-step sign-in passed, or nothing was checked): the points are given back. */
  release(): Promise<void>;
}

/**
 * An attempt a gate hands to its handler, which records the outcome; `settleIfUnreported`
 * gives the point back when the handler never did (a step offered, an error before the check).
 */
export function reportedAttempt(attempt: LoginAttempt): { attempt: LoginAttempt; settleIfUnreported(): Promise<void> } {
  let reported = false;
  const report = <T>(outcome: () => Promise<T>) => {
    reported = true;
    return outcome();
  };
  return {
    attempt: { failed: () => report(attempt.failed), succeeded: () => report(attempt.succeeded), release: () => report(attempt.release) },
    settleIfUnreported: async () => {
      if (!reported) await attempt.release();
    },
  };
}

export interface LoginRateLimiter {
  /**
   * Takes one attempt from the IP's and then the account's allowance, before anything is
   * checked, so concurrent attempts cannot all pass a check made before any of them
   * counted. Throws RateLimitedError when either allowance is spent or locked.
   */
  reserve(ip: string, email: string): Promise<LoginAttempt>;
  /**
   * This instance's budget of password checks (argon2 costs ~0.2 s of CPU each): a burst,
   * then a few per second per core. Throws PasswordChecksBusyError when it is spent, so a
   * flood from many addresses cannot take the CPU. Per instance: CPU is.
   */
  admitPasswordCheck(): Promise<void>;
}

/** Password checks per instance: this many per core in a 10 s window (a burst, ~2 per second per core on average). */
export const PASSWORD_CHECKS_PER_CORE_PER_10S = 20;

/**
 * Attempts are counted per IP (an IPv6 client per /64) and per account in a one-minute
 * window, reserve-then-verify: each takes its point up front (an atomic increment in the store), the sixth in a
 * window is refused without being checked, and the one that held the fifth point starts
 * a 15-minute lock-out if it fails. rate-limiter-flexible's Redis store is used when
 * Redis is configured (shared by every instance), its memory store otherwise.
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
  const checkBudget = new RateLimiterMemory({ points: PASSWORD_CHECKS_PER_CORE_PER_10S * availableParallelism(), duration: 10 });

  return {
    async admitPasswordCheck() {
      await checkBudget.consume('checks').catch((rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) throw new PasswordChecksBusyError();
        throw rejection;
      });
    },
    async reserve(clientIp, email) {
      // An IPv6 client by its /64 (clientNetwork.ts): rotating addresses inside it gains nothing.
      const ip = clientNetworkOf(clientIp);
      // The IP first: an IP that is already refused spends nothing of the account's allowance.
      const ipCount = await take(byIp, ip);
      const accountCount = await take(byAccount, email);
      const reserved = [
        { limiter: byIp, key: ip, count: ipCount },
        { limiter: byAccount, key: email, count: accountCount },
      ];
      return {
        async failed() {
          const last = reserved.filter((r) => r.count === LOGIN_ATTEMPTS_PER_MINUTE);
          await Promise.all(last.map((r) => r.limiter.block(r.key, LOCKOUT_SECONDS)));
          return { lockedOutNow: last.length > 0, retryAfterSeconds: last.length > 0 ? LOCKOUT_SECONDS : 0 };
        },
        async succeeded() {
          await Promise.all([giveBack(byIp, ip), byAccount.delete(email)]);
        },
        async release() {
          await Promise.all([giveBack(byIp, ip), giveBack(byAccount, email)]);
        },
      };
    },
  };
}

/** Spends one point; returns the count it reached, or throws RateLimitedError past the limit. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const state = await limiter.consume(key).catch((rejection: unknown) => {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  });
  if (state.consumedPoints > LOGIN_ATTEMPTS_PER_MINUTE) throw new RateLimitedError(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
  return state.consumedPoints;
}

async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const state = await limiter.reward(key);
  // The window ended (or a success cleared it) meanwhile: the reward made a fresh key below zero.
  if (state.consumedPoints < 0) await limiter.delete(key);
}
