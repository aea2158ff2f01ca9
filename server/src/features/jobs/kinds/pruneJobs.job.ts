import { z } from 'zod';
import type { JobSchedule } from '../jobEngine.js';
import { defineJobKind } from '../jobKind.js';
import { JOB_RETENTION, deleteExpiredJobs } from '../jobRetention.queries.js';

/** Keeps ops.jobs bounded: finished system runs after 7 days, staff-started jobs after 180 (jobRetention.queries.ts). */
export const pruneJobsJob = defineJobKind({
  name: 'jobs.prune',
  title: 'Remove old finished jobs',
  params: z.strictObject({}),
  timeoutMs: 10 * 60_000,
  retry: { limit: 3, backoff: { initialMs: 60_000, maxMs: 600_000 } },
  resumable: true,
  async run({ db, log }) {
    const deleted = await deleteExpiredJobs(db);
    await log(`Removed ${deleted} finished job${deleted === 1 ? '' : 's'} (system runs after ${JOB_RETENTION.systemDays} days, staff-started after ${JOB_RETENTION.staffDays}).`);
    return { deleted };
  },
});

/** Daily, at a quiet minute. */
export const jobPruningSchedule: JobSchedule = { kind: pruneJobsJob, match: '17 4 * * *' };
