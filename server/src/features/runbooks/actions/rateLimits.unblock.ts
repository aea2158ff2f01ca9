import { ZRateLimitsUnblockParamsSchema } from '@opsdesk/shared';
import { rateLimitsFor } from '../../rateLimits/rateLimits.service.js';
import { defineRunbookAction } from '../runbookAction.js';
import { RATE_LIMITS_ENTRY, storageFact } from './rateLimits.display.js';

/** Forgets one key's count under one limit: its next request passes; it is counted again from zero. */
export const rateLimitsUnblockAction = defineRunbookAction({
  name: 'rateLimits.unblock',
  title: 'Unblock a key',
  summary: 'Lets one IP or staff member through a named limit now, by forgetting its count (as seen in "See who is rate limited").',
  runbookEntry: RATE_LIMITS_ENTRY,
  permission: 'runbooks.run',
  risk: 'low',
  params: ZRateLimitsUnblockParamsSchema,
  target: (params) => `rateLimits:${params.limit}`,
  timeoutMs: 30_000,
  async plan(ctx, params) {
    const rateLimits = rateLimitsFor(ctx.deps);
    const now = await rateLimits.peek(params.limit, params.key);
    const counted = now.counts.current + now.counts.previous > 0;
    const limit = rateLimits.limits[params.limit];
    return {
      summary: !counted
        ? `${params.key} has no count under ${params.limit}: nothing to unblock.`
        : now.allowed
          ? `${params.key} is counted but not blocked under ${params.limit}; unblocking resets its count`
          : `${params.key} is blocked under ${params.limit} (free again in ${now.retryAfterSeconds} s); unblock it now`,
      steps: counted ? [`Forget ${params.key}'s count under ${params.limit} (its next request passes)`] : [],
      empty: !counted,
      facts: [
        { label: 'Blocked now', value: !now.allowed, status: now.allowed ? 'ok' : 'fail' },
        { label: 'Requests counted (this window, previous window)', value: `${now.counts.current}, ${now.counts.previous}` },
        { label: 'Limit now', value: `${now.points} per ${limit.windowSeconds} s` },
        storageFact(rateLimits),
      ],
      state: { limit: params.limit, key: params.key, blocked: !now.allowed, counted },
    };
  },
  async execute(ctx, params) {
    const removed = await rateLimitsFor(ctx.deps).unblock(params.limit, params.key);
    await ctx.log(removed ? `Forgot ${params.key}'s count under ${params.limit}` : `${params.key} had no count left under ${params.limit} (its window had passed)`);
    return { summary: `${params.key} unblocked under ${params.limit}` };
  },
});
