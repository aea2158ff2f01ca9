import { RATE_LIMIT_NAMES, type RateLimitName } from '@opsdesk/shared';
import type { Config } from '../../config/config.js';

/** A named limit as configured (README, "Configuration"); an override multiplies `points`. */
export interface NamedLimit {
  name: RateLimitName;
  points: number;
  windowSeconds: number;
  /** Who is counted, in words for the console. */
  keyedBy: string;
  /** What it guards, in words for the console. */
  guards: string;
}

export function namedLimits(config: Config): Record<RateLimitName, NamedLimit> {
  return {
    staffApi: { name: 'staffApi', ...config.RATE_LIMIT_STAFF_API, keyedBy: 'staff member (IP when signed out)', guards: 'the staff API (/trpc)' },
    webhooks: { name: 'webhooks', ...config.RATE_LIMIT_WEBHOOKS, keyedBy: 'IP', guards: 'POST /webhooks/stripe' },
    flagsApi: { name: 'flagsApi', ...config.RATE_LIMIT_FLAGS_API, keyedBy: 'IP', guards: 'the flags API' },
  };
}

export function isRateLimitName(value: string): value is RateLimitName {
  return (RATE_LIMIT_NAMES as readonly string[]).includes(value);
}
