import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * How long finished jobs stay listed. The system's scheduled runs (one a minute for
 * suspension lifting) would otherwise grow the table without bound; what staff started
 * stays much longer (its audit rows stay for good either way). Logs go with their job.
 */
export const JOB_RETENTION = { systemDays: 7, staffDays: 180 } as const;
const BATCH = 5_000;

export async function deleteExpiredJobs(db: DbOrTrx, retention = JOB_RETENTION): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from ops.jobs where id in (
        select id from ops.jobs
        where status in ('succeeded', 'failed', 'cancelled', 'timed_out')
          and finished_at < now() - make_interval(days => case when started_by is null then ${retention.systemDays}::int else ${retention.staffDays}::int end)
        limit ${BATCH})`.execute(db);
    deleted += Number(numAffectedRows ?? 0);
    if (Number(numAffectedRows ?? 0) < BATCH) return deleted;
  }
}
