import { z } from 'zod';
import { ZFlagEnvironmentName, ZFlagKeyRequestSchema, ZFlagSetEnvironmentRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import { FLAG_SCHEDULE_STATUSES } from './flagSchedules.table.js';

/**
 * Requests of `flags.schedules.*` (zod only). A schedule proposes the same state a direct
 * change would (the shared set-environment schema, without `expectedRevision`: the
 * schedule records the state it was made against itself) and when to apply it.
 */
const MAX_AHEAD_MS = 366 * 24 * 3_600_000;
/** Stored sizes, as flags.service.ts bounds a direct change, so an oversized one is a 400 now, not a failed job later. */
const MAX_STRATEGIES_BYTES = 400 * 1024;
const MAX_VARIANTS_BYTES = 100 * 1024;

export const ZFlagScheduleCreateRequestSchema = ZFlagSetEnvironmentRequestSchema.omit({ expectedRevision: true })
  .extend({
    /** In the past or now: applied as soon as the job engine picks it up. */
    runAt: z.coerce.date().refine((date) => !Number.isNaN(date.getTime()) && date.getTime() - Date.now() <= MAX_AHEAD_MS, 'runAt: a valid time at most a year ahead'),
  })
  .refine((input) => Buffer.byteLength(JSON.stringify(input.strategies)) <= MAX_STRATEGIES_BYTES, { message: `strategies: at most ${MAX_STRATEGIES_BYTES / 1024} KiB`, path: ['strategies'] })
  .refine((input) => Buffer.byteLength(JSON.stringify(input.variants)) <= MAX_VARIANTS_BYTES, { message: `variants: at most ${MAX_VARIANTS_BYTES / 1024} KiB`, path: ['variants'] });
export type TFlagScheduleCreateRequest = z.input<typeof ZFlagScheduleCreateRequestSchema>;

export const ZFlagScheduleListRequestSchema = z.strictObject({
  key: ZFlagKeyRequestSchema.shape.key.optional(),
  environment: ZFlagEnvironmentName.optional(),
  status: z.enum(FLAG_SCHEDULE_STATUSES).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const ZFlagScheduleCancelRequestSchema = z.strictObject({ id: z.uuid() });

export const ZFlagApplyScheduleParamsSchema = z.strictObject({ scheduleId: z.uuid() });
