import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.js';
import { scheduleJobRun } from './enqueueJob.js';
import { canResume, type JobKindRegistry } from './jobKind.js';
import { appendJobLogLine } from './jobLog.queries.js';
import { toLogText } from './jobLogText.js';
import { STOPPED_WHILE_RUNNING } from './jobOutcome.js';
import { findOrphanedJobs, finishJob, lockJob } from './jobs.queries.js';
import { WORKER_LOCK_NAMESPACE } from './liveness.js';

/**
 * Crash survival: a job left `running` by a process that is gone (or by this one while
 * it stops) is never left that way. A resumable kind goes back in the queue and picks up
 * from its recorded progress; any other kind is failed with the reason, visibly, on the
 * row and in its log. Every engine instance sweeps at start and then periodically.
 */
export async function isWorkerAlive(db: DbOrTrx, workerKey: number | null): Promise<boolean> {
  if (workerKey === null) return false;
  const { rows } = await sql<{ alive: boolean }>`
    select exists (
      select 1 from pg_locks
      where locktype = 'advisory' and granted and objsubid = 2
        and database = (select oid from pg_database where datname = current_database())
        and classid = ${WORKER_LOCK_NAMESPACE}::int8::oid and objid = ${workerKey}::int8::oid) as alive`.execute(db);
  return rows[0]?.alive === true;
}

/**
 * Resumes or fails one interrupted run. `workerId`: the instance it was running on; the
 * change applies only if it is still running there (two sweepers cannot both act).
 */
export async function interruptJob(db: Db, kinds: JobKindRegistry, jobId: string, workerId: string | null, why: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockJob(trx, jobId);
    if (!row || row.status !== 'running' || row.workerId !== workerId) return;
    const kind = kinds.get(row.kind);
    if (kind && canResume(kind, row.parameters)) {
      await appendJobLogLine(trx, jobId, { level: 'warn', text: toLogText(`${why} at step ${row.progressDone}; it will resume from there.`) });
      await trx.updateTable('ops.jobs').set({ status: 'queued', workerId: null, workerKey: null, runAt: new Date() }).where('id', '=', jobId).execute();
      await scheduleJobRun(trx, jobId, new Date());
      return;
    }
    const reason = `${STOPPED_WHILE_RUNNING} (at step ${row.progressDone}${row.progressTotal === null ? '' : ` of ${row.progressTotal}`}); this kind cannot resume, so start it again if it is still needed.`;
    await appendJobLogLine(trx, jobId, { level: 'error', text: toLogText(reason) });
    await finishJob(trx, jobId, workerId, { status: 'failed', error: reason });
  });
}

/** One sweep: every running job whose worker's lock is gone. Returns how many were recovered. */
export async function recoverOrphanedJobs(db: Db, kinds: JobKindRegistry): Promise<number> {
  const orphans = await findOrphanedJobs(db, WORKER_LOCK_NAMESPACE);
  for (const orphan of orphans) await interruptJob(db, kinds, orphan.id, orphan.workerId, 'The server running this job stopped');
  return orphans.length;
}
