import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { syncOpenReports } from './moderationSync.queries.js';
import { syncProductAppeals } from './moderationSyncAppeals.service.js';

/**
 * Every minute: open product reports not yet queued become (or join) queue entries
 * (moderationSync.queries.ts), and appeals filed in the product become appeals or recorded
 * refusals (moderationSyncAppeals.service.ts). Safe to run twice (a report is linked once,
 * an appeal taken once, under advisory locks), so retried; a run cut short simply leaves
 * the rest to the next one.
 */
export const moderationSyncJob = defineJobKind({
  name: 'moderation.syncReports',
  title: 'Queue new content reports and product appeals for moderation',
  params: z.strictObject({}),
  timeoutMs: 55_000,
  retry: { limit: 2, backoff: { initialMs: 5_000 } },
  resumable: false,
  async run({ db, log, signal }) {
    const queued = await syncOpenReports(db, { signal });
    if (queued > 0) await log(`Queued ${queued} new report(s).`);
    const appeals = await syncProductAppeals(db, { signal });
    if (appeals.opened + appeals.refused > 0) await log(`Took ${appeals.opened} appeal(s) from the product; refused ${appeals.refused}.`);
    return { queued, appealsOpened: appeals.opened, appealsRefused: appeals.refused };
  },
});

export const moderationSyncSchedule: JobSchedule = { kind: moderationSyncJob, match: '* * * * *' };
