import type { RedisKeyFamilyName } from '@opsdesk/shared';
import { rateLimitKeyPrefixes } from '../rateLimits/rateLimitKeys.js';

/**
 * Every family of Redis keys Opsdesk writes, in one typed list: the cache actions count
 * and flush by these prefixes (SCAN MATCH, never KEYS) and touch nothing else. Add a row
 * here, and its name to REDIS_KEY_FAMILY_NAMES (shared/src/runbooks/cache.schemas.ts),
 * when a feature starts keeping keys in Redis; redisKeyFamilies.test.ts checks that the
 * prefixes do not overlap.
 */
export interface RedisKeyFamily {
  name: RedisKeyFamilyName;
  /** Every key of the family starts with this; `keyPrefix` is config.REDIS_KEY_PREFIX. Ends with `:`. */
  prefix(keyPrefix: string): string;
  /** How long a key lives, in words. */
  ttl: string;
  meaning: string;
  /** The feature folder (server/src/features/…) that writes the keys. */
  owner: string;
  /** False for a family whose loss would lose data or break a promise: cache.flush refuses it. */
  flushSafe: boolean;
  /** What a flush does, for the plan. */
  flushEffect: string;
}

type FamilyRow = Omit<RedisKeyFamily, 'name'>;

const FAMILIES: Record<RedisKeyFamilyName, FamilyRow> = {
  'login.ip': {
    // rate-limiter-flexible keys are `<keyPrefix>:<key>`, its keyPrefix `<prefix>:login:ip` (auth/loginRateLimiter.ts).
    prefix: (p) => `${p}:login:ip:`,
    ttl: '1 minute; 15 minutes while locked out',
    meaning: 'Sign-in attempts per IP address (5 a minute), and IP lock-outs',
    owner: 'auth',
    flushSafe: true,
    flushEffect: 'Every IP may try signing in again at once (lock-outs end)',
  },
  'login.account': {
    prefix: (p) => `${p}:login:account:`,
    ttl: '1 minute; 15 minutes while locked out',
    meaning: 'Sign-in attempts per staff email (5 a minute), and account lock-outs',
    owner: 'auth',
    flushSafe: true,
    flushEffect: 'Every locked-out account may try signing in again at once',
  },
  'rateLimits.counters': {
    prefix: (p) => rateLimitKeyPrefixes(p).counters,
    ttl: 'two windows of the limit (2 minutes by default)',
    meaning: 'Request counts per named limit (staffApi, webhooks, flagsApi) and key (IP or staff member)',
    owner: 'rateLimits',
    flushSafe: true,
    flushEffect: 'Every key starts counting from zero: everyone blocked is let through',
  },
  'rateLimits.overrides': {
    prefix: (p) => rateLimitKeyPrefixes(p).overrides,
    ttl: 'until the raise ends (5–240 minutes)',
    meaning: 'Named limits raised from the console (rateLimits.raise)',
    owner: 'rateLimits',
    flushSafe: true,
    flushEffect: 'Raised limits go back to their configured points now (their scheduled reverts then find nothing to do)',
  },
  'rateLimits.blocked': {
    prefix: (p) => rateLimitKeyPrefixes(p).blocked,
    ttl: '61 minutes',
    meaning: 'Refused requests per limit, minute and key: the "who is blocked" view',
    owner: 'rateLimits',
    flushSafe: true,
    flushEffect: 'The "who is blocked" view starts empty; nobody is let through by it',
  },
};

export const REDIS_KEY_FAMILIES: readonly RedisKeyFamily[] = Object.entries(FAMILIES).map(([name, row]) => ({ name: name as RedisKeyFamilyName, ...row }));

export function redisKeyFamily(name: RedisKeyFamilyName): RedisKeyFamily {
  return REDIS_KEY_FAMILIES.find((family) => family.name === name)!;
}
