import { ZRateLimitName, ZRateLimitsRaiseParamsSchema } from '@opsdesk/shared';
import { z } from 'zod';
import { rateLimitsFor } from '../../rateLimits/rateLimits.service.js';
import { defineRunbookAction } from '../runbookAction.js';
import { limitsTable, RATE_LIMITS_ENTRY, storageFact } from './rateLimits.display.js';

/** What a raise hands the framework for its revert: the override to remove, by id, so a later raise survives. */
export const ZRaiseRevertParams = z.strictObject({ limit: ZRateLimitName, overrideId: z.uuid() });
export type RaiseRevertParams = z.infer<typeof ZRaiseRevertParams>;

/**
 * Raises a named limit by a factor for a while. The override is written with its expiry
 * (in Redis: a key with that TTL, read by every instance on every request), so it ends
 * by itself even if the scheduled revert never runs; the revert removes it early or on
 * time and does nothing if it is already gone or was replaced by a later raise.
 */
export const rateLimitsRaiseAction = defineRunbookAction({
  name: 'rateLimits.raise',
  title: 'Raise a rate limit for a while',
  summary: 'When legitimate traffic (a marketing push, a Stripe burst) is being refused: multiply a named limit by 2–10 for 5–240 minutes. It reverts itself.',
  runbookEntry: RATE_LIMITS_ENTRY,
  permission: 'runbooks.run',
  risk: 'medium',
  params: ZRateLimitsRaiseParamsSchema,
  target: (params) => `rateLimits:${params.limit}`,
  timeoutMs: 30_000,
  async plan(ctx, params) {
    const rateLimits = rateLimitsFor(ctx.deps);
    const limit = rateLimits.limits[params.limit];
    const current = await rateLimits.override(params.limit);
    const raised = limit.points * params.factor;
    return {
      summary: `Raise ${params.limit} ×${params.factor} (${limit.points} → ${raised} requests per ${limit.windowSeconds} s) for ${params.minutes} minutes`,
      steps: [
        ...(current ? [`Replace the raise in force (×${current.factor} until ${current.expiresAt.toISOString()}, by ${current.raisedBy})`] : []),
        `Allow ${raised} requests per ${limit.windowSeconds} s per ${limit.keyedBy} on ${limit.guards} (configured: ${limit.points})`,
        `Go back to ${limit.points} in ${params.minutes} minutes, by itself`,
      ],
      facts: [storageFact(rateLimits)],
      tables: [await limitsTable(rateLimits, params.limit)],
      // The raise in force, by id: if someone else raises or it ends meanwhile, re-plan.
      state: { limit: params.limit, currentOverride: current?.id ?? null },
    };
  },
  async execute(ctx, params) {
    const rateLimits = rateLimitsFor(ctx.deps);
    const limit = rateLimits.limits[params.limit];
    const expiresAt = new Date(Date.now() + params.minutes * 60_000);
    const override = await rateLimits.raise(params.limit, params.factor, expiresAt, ctx.actor?.email ?? 'system');
    const raised = limit.points * params.factor;
    await ctx.log(`Raised ${params.limit} to ${raised} requests per ${limit.windowSeconds} s until ${expiresAt.toISOString()}`);
    const revertParams: RaiseRevertParams = { limit: params.limit, overrideId: override.id };
    await ctx.revertAt(expiresAt, `${params.limit} raised ×${params.factor} (${limit.points} → ${raised} per ${limit.windowSeconds} s)`, revertParams);
    return {
      summary: `${params.limit} raised ×${params.factor} until ${expiresAt.toISOString()}`,
      facts: [
        { label: 'Requests allowed', value: raised, kind: 'number' },
        { label: 'Until', value: expiresAt.toISOString(), kind: 'datetime' },
        storageFact(rateLimits),
      ],
    };
  },
  async revert(ctx, revertParams) {
    const { limit, overrideId } = ZRaiseRevertParams.parse(revertParams);
    const removed = await rateLimitsFor(ctx.deps).removeOverride(limit, overrideId);
    await ctx.log(removed ? `${limit} is back to its configured limit` : `${limit}: this raise had already ended or been replaced by a later one; nothing to do`);
  },
});
