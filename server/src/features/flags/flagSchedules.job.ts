import { defineJobKind } from '../jobs/jobKind.js';
import { ZFlagApplyScheduleParamsSchema } from './flagSchedules.schemas.js';
import { applySchedule } from './flagSchedules.service.js';

/**
 * Applies one scheduled flag change at its `runAt` (flagSchedules.service.ts). Retried:
 * the locked schedule row makes a second attempt find it applied and do nothing.
 */
export const flagApplyScheduleJob = defineJobKind({
  name: 'flags.applySchedule',
  title: 'Apply a scheduled flag change',
  params: ZFlagApplyScheduleParamsSchema,
  timeoutMs: 60_000,
  retry: { limit: 3, backoff: { initialMs: 5_000, maxMs: 60_000 } },
  resumable: true,
  async run({ db, params, jobId, log }) {
    const outcome = await applySchedule(db, params.scheduleId, jobId);
    if (outcome.status === 'skipped') await log(`Nothing to do: the scheduled change is already ${outcome.was}.`);
    else if (outcome.status === 'applied') await log(outcome.changed ? 'Applied the scheduled change.' : 'Applied: the flag already had this state.');
    else await log(outcome.error ?? outcome.status, 'warn');
    return outcome;
  },
});
