import { z } from 'zod';

// Parameter schemas of the rateLimits runbook actions, shared by the server and the console's form.

/**
 * Opsdesk's named HTTP rate limits (server/src/features/rateLimits/): the staff API
 * (/trpc), Stripe's webhook endpoint and the coming flags API. Sign-in has its own
 * limiter (login attempts per IP and per account) and is not raised from here.
 */
export const RATE_LIMIT_NAMES = ['staffApi', 'webhooks', 'flagsApi'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];
export const ZRateLimitName = z.enum(RATE_LIMIT_NAMES, 'Choose one of the named limits: staffApi, webhooks or flagsApi');

/**
 * Who a limit counts: `ip:<address>` (anonymous callers, webhooks; an IPv6 client as its /64) or `staff:<id>`
 * (a signed-in staff member), as the "who is blocked" table lists them.
 */
export const RATE_LIMIT_SUBJECT_PATTERN = /^(ip|staff):[A-Za-z0-9.:/_-]{1,80}$/;
export const ZRateLimitSubject = z
  .string()
  .max(90, { error: 'A key looks like ip:203.0.113.7 or staff:<id>', abort: true })
  .trim()
  .regex(RATE_LIMIT_SUBJECT_PATTERN, 'A key looks like ip:203.0.113.7 or staff:<id>');

export const RAISE_FACTOR_MIN = 2;
export const RAISE_FACTOR_MAX = 10;
export const RAISE_MINUTES_MIN = 5;
export const RAISE_MINUTES_MAX = 240;

/** `rateLimits.blocked`: the window of blocks to rank keys by. */
export const ZRateLimitsBlockedParamsSchema = z.strictObject({
  minutes: z.number().int().min(1).max(60).default(15),
});
export type TRateLimitsBlockedParams = z.infer<typeof ZRateLimitsBlockedParamsSchema>;

/** `rateLimits.raise`: e.g. staffApi ×3 for 30 minutes; it reverts itself at the end. */
export const ZRateLimitsRaiseParamsSchema = z.strictObject({
  limit: ZRateLimitName,
  factor: z.number().int().min(RAISE_FACTOR_MIN).max(RAISE_FACTOR_MAX),
  minutes: z.number().int().min(RAISE_MINUTES_MIN).max(RAISE_MINUTES_MAX),
});
export type TRateLimitsRaiseParams = z.infer<typeof ZRateLimitsRaiseParamsSchema>;

/** `rateLimits.unblock`: forget one key's count under one limit, so its next request passes. */
export const ZRateLimitsUnblockParamsSchema = z.strictObject({
  limit: ZRateLimitName,
  key: ZRateLimitSubject,
});
export type TRateLimitsUnblockParams = z.infer<typeof ZRateLimitsUnblockParamsSchema>;
