import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * Every minute: open product reports not yet queued become (or join) queue entries
 * (moderationSync.queries.ts). Safe to run twice (a report is linked once, under an
 * advisory lock), so retried; a run cut short simply leaves the rest to the next one.
 */
export const moderationSyncJob = defineJobKind({
  name: 'moderation.syncReports',
  title: 'Queue new content reports for moderation',
  params: z.strictObject({}),
  timeoutMs: 55_000,
  retry: { limit: 2, backoff: { initialMs: 5_000 } },
  resumable: false,
  async run({ db, log, signal }) {
    const queued = await syncOpenReports(db, { signal });
    if (queued > 0) await log(`Queued ${queued} new report(s).`);
    return { queued };
  },
});

export const moderationSyncSchedule: JobSchedule = { kind: moderationSyncJob, match: '* * * * *' };
