import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { FlagScheduleStatus } from './flagSchedules.table.js';

/** Every query of scheduled flag changes: `db` or a transaction first. */

export function insertSchedule(
  trx: Trx,
  schedule: { flagId: string; environment: string; enabled: boolean; strategies: unknown; variants: unknown; runAt: Date; baseUpdatedAt: Date | null; createdBy: string; createdByEmail: string },
) {
  return trx
    .insertInto('ops.flagSchedules')
    .values({ ...schedule, strategies: JSON.stringify(schedule.strategies), variants: JSON.stringify(schedule.variants) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setScheduleJob(trx: Trx, id: string, jobId: string): Promise<void> {
  await trx.updateTable('ops.flagSchedules').set({ jobId }).where('id', '=', id).execute();
}

/** Locks the schedule: its job and a cancel decide its fate one at a time. */
export function lockSchedule(trx: Trx, id: string) {
  return trx.selectFrom('ops.flagSchedules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function finishSchedule(trx: Trx, id: string, status: Exclude<FlagScheduleStatus, 'pending'>, error: string | null = null): Promise<void> {
  await trx
    .updateTable('ops.flagSchedules')
    .set({ status, error: error?.slice(0, 2000) ?? null, finishedAt: sql`now()` as never })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Schedules with their flag's key, soonest first; explicit columns so the list stays small. */
export function findSchedules(db: DbOrTrx, filters: { key?: string | undefined; environment?: string | undefined; status?: FlagScheduleStatus | undefined; limit: number }) {
  let query = db
    .selectFrom('ops.flagSchedules as s')
    .innerJoin('ops.flags as f', 'f.id', 's.flagId')
    // The job's own status too: a job cancelled from the Jobs page leaves its schedule pending but never applied.
    .leftJoin('ops.jobs as j', 'j.id', 's.jobId')
    .select(['s.id', 'f.key', 's.environment', 's.enabled', 's.strategies', 's.variants', 's.runAt', 's.status', 's.jobId', 'j.status as jobStatus', 's.createdBy', 's.createdByEmail', 's.createdAt', 's.finishedAt', 's.error']);
  if (filters.key) query = query.where('f.key', '=', filters.key);
  if (filters.environment) query = query.where('s.environment', '=', filters.environment);
  if (filters.status) query = query.where('s.status', '=', filters.status);
  return query.orderBy('s.runAt').orderBy('s.createdAt').limit(filters.limit).execute();
}

export function findScheduleById(db: DbOrTrx, id: string) {
  return db
    .selectFrom('ops.flagSchedules as s')
    .innerJoin('ops.flags as f', 'f.id', 's.flagId')
    .select(['s.id', 'f.key', 's.environment', 's.status', 's.jobId'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function findFlagKeyById(db: DbOrTrx, flagId: string) {
  return db.selectFrom('ops.flags').select(['key']).where('id', '=', flagId).executeTakeFirstOrThrow();
}
